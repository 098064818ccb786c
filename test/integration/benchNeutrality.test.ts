import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lastJsonLine, runCli } from '../support/cli';

type Props = Record<string, string[]>;
const person = (cluster: string, properties: Props, defaultCountry: string) => ({
  cluster,
  schema: 'Person',
  properties,
  defaultCountry,
});
const company = (cluster: string, properties: Props, defaultCountry: string) => ({
  cluster,
  schema: 'Company',
  properties,
  defaultCountry,
});

/**
 * Invented South-East-Asian people and companies: the same person or company written several ways,
 * relatives sharing a household landline, a sister company on the same switchboard, namesakes
 * elsewhere, and records that stand alone.
 */
const FIXTURE = [
  // Vietnam: one man three ways; his brother on the family landline.
  person(
    'vn-minh',
    {
      name: ['Nguyen Van Minh'],
      phone: ['+84 24 3826 4471'],
      address: ['14 Hang Bac, Hoan Kiem, Ha Noi'],
      birthDate: ['1979-03-12'],
    },
    'VN',
  ),
  person('vn-minh', { name: ['Nguyễn Văn Minh'], phone: ['024 3826 4471'], birthDate: ['1979-03-12'] }, 'VN'),
  person(
    'vn-minh',
    {
      name: ['NGUYEN VAN MINH'],
      phone: ['+84 91 447 2210'],
      address: ['14 Hang Bac Street, Hanoi'],
      birthDate: ['1979-03-12'],
    },
    'VN',
  ),
  person(
    'vn-manh',
    {
      name: ['Nguyen Van Manh'],
      phone: ['+84 24 3826 4471'],
      address: ['14 Hang Bac, Hoan Kiem, Ha Noi'],
      birthDate: ['1983-10-02'],
    },
    'VN',
  ),
  person(
    'vn-lan',
    { name: ['Tran Thi Lan'], phone: ['+84 28 3910 5528'], address: ['221 Nguyen Trai, Quan 1, TP HCM'] },
    'VN',
  ),
  person('vn-lan', { name: ['Trần Thị Lan'], phone: ['028 3910 5528'] }, 'VN'),
  // Malaysia.
  person(
    'my-siti',
    {
      name: ['Siti Aminah binti Rahman'],
      phone: ['+60 12-418 7730'],
      address: ['No. 8, Jalan Melur 3, Taman Seri, Kajang'],
    },
    'MY',
  ),
  person('my-siti', { name: ['Siti Aminah Rahman'], phone: ['012 418 7730'] }, 'MY'),
  person(
    'my-siti-2',
    { name: ['Siti Aminah binti Yusof'], phone: ['+60 17-655 0912'], address: ['Lot 40, Kampung Baru, Kota Bharu'] },
    'MY',
  ),
  person(
    'my-tan',
    {
      name: ['Tan Ah Kow'],
      phone: ['+60 16-302 8841'],
      address: ['23 Lorong Pisang, Georgetown, Penang'],
      birthDate: ['1961-07-30'],
    },
    'MY',
  ),
  person('my-tan', { name: ['Tan Ah Kow'], phone: ['016-302 8841'], birthDate: ['1961-07-30'] }, 'MY'),
  person(
    'my-tan-lookalike',
    { name: ['Jason Tan Ah Kow'], phone: ['+60 19-771 2034'], address: ['5 Jalan Bukit Bintang, Kuala Lumpur'] },
    'MY',
  ),
  // Thailand: a household in Chanthaburi, one landline.
  person(
    'th-prasit',
    {
      name: ['Prasit Kaewmanee'],
      phone: ['039 311 480'],
      address: ['88/12 Moo 4, Tambon Wang Mai'],
      birthDate: ['1962-05-03'],
    },
    'TH',
  ),
  person(
    'th-prasit',
    {
      name: ['Prasit Kaewmanee'],
      phone: ['+66 81 902 3317'],
      address: ['88/12 Moo 4, Wang Mai, Chanthaburi'],
      birthDate: ['1962-05-03'],
    },
    'TH',
  ),
  person(
    'th-nong',
    {
      name: ['Nong Kaewmanee'],
      phone: ['+66 39 311 480'],
      address: ['88/12 Moo 4, Tambon Wang Mai'],
      birthDate: ['1967-11-21'],
    },
    'TH',
  ),
  person(
    'th-somchai',
    { name: ['Somchai Wongsakul'], phone: ['+66 2 254 8810'], address: ['19 Soi Sukhumvit 31, Bangkok'] },
    'TH',
  ),
  person('th-somchai', { name: ['Somchai Wongsakun'], phone: ['02 254 8810'] }, 'TH'),
  person(
    'th-somchai-2',
    { name: ['Somchai Wongsakul'], phone: ['+66 53 274 119'], address: ['7 Nimmanhaemin Soi 9, Chiang Mai'] },
    'TH',
  ),
  // Philippines and Indonesia.
  person(
    'ph-maria',
    { name: ['Maria Luisa Santos dela Cruz'], phone: ['+63 917 550 2194'], address: ['45 Mabini St, Malate, Manila'] },
    'PH',
  ),
  person(
    'ph-maria',
    { name: ['Maria Luisa dela Cruz'], phone: ['0917 550 2194'], email: ['mlsdelacruz@example.ph'] },
    'PH',
  ),
  person('ph-maria', { name: ['Ma. Luisa S. dela Cruz'], email: ['mlsdelacruz@example.ph'] }, 'PH'),
  person(
    'ph-jose',
    { name: ['Jose Ramon Villanueva'], phone: ['+63 32 412 7788'], address: ['12 Osmena Blvd, Cebu City'] },
    'PH',
  ),
  person(
    'id-budi',
    {
      name: ['Budi Santoso'],
      phone: ['+62 812-3456-0071'],
      address: ['Jl. Diponegoro No. 17, Surabaya'],
      idNumber: ['3578011203800004'],
    },
    'ID',
  ),
  person('id-budi', { name: ['Budi Santoso'], idNumber: ['3578011203800004'] }, 'ID'),
  person(
    'id-budi-2',
    { name: ['Budi Santoso'], phone: ['+62 811-902-4415'], address: ['Jl. Malioboro No. 3, Yogyakarta'] },
    'ID',
  ),
  person(
    'id-dewi',
    { name: ['Dewi Lestari Wulandari'], phone: ['+62 21 5790 3321'], address: ['Jl. Kemang Raya 8, Jakarta Selatan'] },
    'ID',
  ),
  // Companies: a group with a shared switchboard, a trading firm and its travel sister, a logistics firm.
  company(
    'co-sinar-abadi',
    {
      name: ['PT Sinar Jaya Abadi'],
      phone: ['+62 21 2957 1100'],
      address: ['Jl. Gatot Subroto Kav. 21, Jakarta'],
      registrationNumber: ['AHU-0041187.AH.01.01'],
    },
    'ID',
  ),
  company(
    'co-sinar-abadi',
    {
      name: ['Sinar Jaya Abadi, PT'],
      phone: ['021 2957 1100'],
      address: ['Jl. Gatot Subroto Kav 21, Jakarta Selatan'],
    },
    'ID',
  ),
  company('co-sinar-abadi', { name: ['PT. Sinar Jaya Abadi Tbk'], registrationNumber: ['AHU-0041187.AH.01.01'] }, 'ID'),
  company(
    'co-sinar-makmur',
    {
      name: ['PT Sinar Jaya Makmur'],
      phone: ['+62 21 2957 1100'],
      address: ['Jl. Gatot Subroto Kav. 21, Jakarta'],
      registrationNumber: ['AHU-0052210.AH.01.01'],
    },
    'ID',
  ),
  company(
    'co-lotus-trading',
    {
      name: ['Golden Lotus Trading Sdn Bhd'],
      phone: ['+60 3-2142 6650'],
      address: ['Level 9, Menara Tun Razak, Kuala Lumpur'],
      registrationNumber: ['201801022417'],
    },
    'MY',
  ),
  company(
    'co-lotus-trading',
    { name: ['Golden Lotus Trading Sdn. Bhd.'], phone: ['03 2142 6650'], registrationNumber: ['201801022417'] },
    'MY',
  ),
  company(
    'co-lotus-travel',
    {
      name: ['Golden Lotus Travel Sdn Bhd'],
      phone: ['+60 3-2142 6650'],
      address: ['Level 9, Menara Tun Razak, Kuala Lumpur'],
      registrationNumber: ['201901008833'],
    },
    'MY',
  ),
  company(
    'co-mekong',
    {
      name: ['Mekong Star Logistics Co., Ltd.'],
      phone: ['+84 28 3822 9014'],
      address: ['60 Ton Duc Thang, Quan 1, Ho Chi Minh City'],
    },
    'VN',
  ),
  company(
    'co-mekong',
    {
      name: ['Mekong Star Logistics Company Limited'],
      phone: ['028 3822 9014'],
      address: ['60 Ton Duc Thang, District 1, HCMC'],
    },
    'VN',
  ),
  company(
    'co-siam',
    {
      name: ['Siam Pearl Import Export Co., Ltd.'],
      phone: ['+66 2 611 4039'],
      address: ['99 Rama IV Road, Khlong Toei, Bangkok'],
    },
    'TH',
  ),
  company(
    'co-manila',
    {
      name: ['Manila Bay Remittance Corporation'],
      phone: ['+63 2 8526 4410'],
      email: ['info@manilabayremit.example.ph'],
    },
    'PH',
  ),
  company('co-manila', { name: ['Manila Bay Remittance Corp.'], email: ['info@manilabayremit.example.ph'] }, 'PH'),
].map((r, i) => ({ id: `r${i + 1}`, ...r }));

interface NeutralityJson {
  runs: Array<{
    order: string;
    concurrency: number;
    loaded: boolean;
    clusters: number;
    precision: number;
    recall: number;
    f1: number;
    seconds: number;
  }>;
  identical: boolean;
  differingRecords: number;
}

describe('lantern bench neutrality', () => {
  it('resolves the same records in two orders and with four resolvers into identical partitions, and prints the ' +
    'figures as its last line', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-neutrality-cli-'));
    const file = path.join(dir, 'sea.jsonl');
    writeFileSync(file, `${FIXTURE.map((r) => JSON.stringify(r)).join('\n')}\n`);

    const result = await runCli(
      ['bench', 'neutrality', file, '--orders', '2', '--seed', '7', '--batch-size', '5', '--heap', '768m'],
      {},
      540_000,
    );
    expect(result.stderr).toContain('resolved');
    expect(result.code).toBe(0);
    const json = lastJsonLine(result.stdout) as NeutralityJson;
    expect(json.identical).toBe(true);
    expect(json.differingRecords).toBe(0);
    expect(json.runs.map((r) => [r.order, r.concurrency, r.loaded])).toEqual([
      ['file', 1, false],
      ['shuffle 7', 1, false],
      ['file', 4, false],
    ]);
    for (const run of json.runs) {
      for (const value of [run.precision, run.recall, run.f1]) {
        expect(typeof value).toBe('number');
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      expect(run.clusters).toBeGreaterThan(0);
      expect(run.clusters).toBeLessThanOrEqual(FIXTURE.length);
      expect(run.seconds).toBeGreaterThan(0);
    }
    // Identical partitions: the same figures in every run.
    expect(new Set(json.runs.map((r) => `${r.clusters} ${r.precision} ${r.recall}`)).size).toBe(1);
    // Progress stays on stderr: stdout is the summary and the JSON.
    expect(result.stdout).not.toContain('resolved ');
    expect(result.stdout).toContain('partitions identical in all 3 runs');
  }, 600_000);
});
