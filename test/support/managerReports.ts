/**
 * The lead scenario the export tests share: two NGOs report one manager by her phone, the first report
 * also names her account and company. Markers in case references and notes let a test prove that none of
 * the victims' side reaches a partner's bundle. Invented names and numbers only.
 */
export interface ReportMarkers {
  caseA: string;
  caseB: string;
  noteA: string;
  noteB: string;
}

export function markersFor(tag: string): ReportMarkers {
  return {
    caseA: `CASEREF-${tag}-7Q2`,
    caseB: `CASEREF-${tag}-9Z4`,
    noteA: `NOTE-${tag}-K81`,
    noteB: `NOTE-${tag}-P55`,
  };
}

export interface ManagerReportOptions {
  /** The company's name as the caseworker typed it (a test of CSV formulas puts one in). */
  companyName?: string;
  /** What the notes say after their markers. */
  noteA?: string;
  noteB?: string;
}

export function managerReports(markers: ReportMarkers, options: ManagerReportOptions = {}) {
  const reportA = {
    caseRef: markers.caseA,
    country: 'TH',
    reportedAt: '2024-10-02',
    notes: `${markers.noteA}: ${options.noteA ?? 'the survivor says the manager holds her passport.'}`,
    subjects: [
      {
        ref: 'p1',
        schema: 'Person',
        role: 'Exploiter',
        properties: { name: ['Pranee Saengthongkham'], alias: ['Mae Nee'], phone: ['086-392-4718'] },
      },
      {
        ref: 'a1',
        schema: 'BankAccount',
        properties: { accountNumber: ['174-0-58321-6'], bankName: ['Bangkok Bank'] },
      },
      {
        ref: 'c1',
        schema: 'Company',
        role: 'Exploiter',
        properties: {
          name: [options.companyName ?? 'Moonlight Siam Entertainment Co., Ltd.'],
          registrationNumber: ['0105562117346'],
        },
      },
    ],
    links: [
      { type: 'Ownership', from: 'p1', to: 'a1' },
      { type: 'Directorship', from: 'p1', to: 'c1' },
    ],
  };
  const reportB = {
    caseRef: markers.caseB,
    country: 'KH',
    reportedAt: '2025-01-15',
    notes: `${markers.noteB}: ${options.noteB ?? 'second survivor.'}`,
    subjects: [
      { ref: 'p1', schema: 'Person', role: 'Exploiter', properties: { name: ['Jae Nee'], phone: ['+66 86 392 4718'] } },
    ],
    links: [],
  };
  return { reportA, reportB };
}
