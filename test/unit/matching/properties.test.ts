import fc from 'fast-check';
import { DEFAULT_THRESHOLDS, type MatchRecord, normalizeName, scoreRecords } from '../../../matching';

/** Name parts of the region and beyond, in several scripts, with titles, particles and legal forms. */
const PARTS = [
  'Somchai',
  'Somchay',
  'Jaidee',
  'สมชาย',
  'ใจดี',
  'Nguyễn',
  'Nguyen',
  'Văn',
  'Thị',
  'Đức',
  'Ông',
  'Bà',
  'Tan',
  'Ah',
  'Kow',
  'Lim',
  'Boss',
  'Uncle',
  '陈',
  '大文',
  '有限公司',
  'ហ៊ុន',
  'សុខា',
  'U',
  'Daw',
  'Kyaw',
  'ကျော်',
  'Haji',
  'bin',
  'binti',
  'Siti',
  'Nur',
  'Khun',
  'Mr.',
  'Co.,',
  'Ltd.',
  'Sdn',
  'Bhd',
  'PT',
  'Tbk',
  'Công',
  'ty',
  'TNHH',
  'ООО',
  'Сергей',
  'محمد',
  'السيد',
  '김',
  '민준',
  '1',
  '2',
  'IV',
  'Forty-Four',
  '&',
  'A.B.C.',
  'Smith,',
  'MacArthur',
  "O'Brien",
];

const part = fc.oneof(fc.constantFrom(...PARTS), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }));
const name = fc.array(part, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(' '));
const date = fc
  .tuple(fc.integer({ min: 1940, max: 2010 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const schema = fc.constantFrom('Person', 'Company', 'Organization', 'Vessel', 'LegalEntity');

const record: fc.Arbitrary<MatchRecord> = fc
  .record({
    schema,
    names: fc.array(name, { minLength: 1, maxLength: 2 }),
    birthDate: fc.option(date, { nil: undefined }),
    nationality: fc.option(fc.constantFrom('TH', 'VN', 'KH', 'MM', 'Malaysia'), { nil: undefined }),
    phone: fc.option(fc.constantFrom('081 234 5678', '+84 90 123 4567', '012 345 678'), { nil: undefined }),
  })
  .map(({ schema: s, names, birthDate, nationality, phone }) => ({
    schema: s,
    defaultCountry: 'TH',
    properties: Object.fromEntries(
      Object.entries({
        name: names,
        birthDate: birthDate && [birthDate],
        nationality: nationality && [nationality],
        phone: phone && [phone],
      }).filter(([, v]) => v !== undefined),
    ) as Record<string, string[]>,
  }));

/** Two invented family-style tokens that no table knows: a rare name. */
const rareName = fc
  .tuple(
    fc.stringMatching(/^[bcdfghklmnprstvw][aeiou][bcdfghklmnprstvw][aeiou][bcdfghklmnprstvw]{1,2}[aeiou]{1,2}[nkmt]$/u),
    fc.stringMatching(/^[bcdfghklmnprstvw][aeiou][bcdfghklmnprstvw][aeiou][bcdfghklmnprstvw][aeiou][nkmt]$/u),
  )
  .map(([a, b]) => `${a} ${b}`);

describe('properties of the score', () => {
  it('is a probability', () => {
    fc.assert(
      fc.property(record, record, (a, b) => {
        const { score } = scoreRecords(a, b);
        return Number.isFinite(score) && score >= 0 && score <= 1;
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on which record comes first', () => {
    fc.assert(
      fc.property(record, record, (a, b) => Math.abs(scoreRecords(a, b).score - scoreRecords(b, a).score) < 1e-12),
      { numRuns: 300 },
    );
  });

  it('is 1 for identical records that hold enough evidence (a strong identifier)', () => {
    fc.assert(
      fc.property(record, (r) => {
        const withPhone: MatchRecord = { ...r, properties: { ...r.properties, phone: ['+66 81 234 5678'] } };
        return scoreRecords(withPhone, structuredClone(withPhone)).score === 1;
      }),
      { numRuns: 200 },
    );
  });

  it('is 1 for identical records whose name is rare', () => {
    fc.assert(
      fc.property(rareName, fc.constantFrom('Person', 'Company'), (n, s) => {
        const r: MatchRecord = { schema: s, properties: { name: [n] } };
        return scoreRecords(r, { schema: s, properties: { name: [n] } }).score === 1;
      }),
      { numRuns: 200 },
    );
  });

  it('stays under autoLink for identical records whose only evidence is a common name', () => {
    const common = fc.array(
      fc.constantFrom(
        'Nguyen',
        'Van',
        'Thi',
        'Tran',
        'Le',
        'Tan',
        'Lim',
        'Chen',
        'Wei',
        'Sok',
        'Muhammad',
        'Siti',
        'Nur',
      ),
      { minLength: 1, maxLength: 3 },
    );
    fc.assert(
      fc.property(common, (tokens) => {
        const r: MatchRecord = { schema: 'Person', properties: { name: [tokens.join(' ')] } };
        return scoreRecords(r, structuredClone(r)).score < DEFAULT_THRESHOLDS.autoLink;
      }),
    );
  });
});

describe('properties of normalisation', () => {
  it('is idempotent: normalising a normalised name changes nothing', () => {
    fc.assert(
      fc.property(name, fc.constantFrom('person' as const, 'organization' as const), (raw, kind) => {
        const once = normalizeName(raw, kind).text;
        return normalizeName(once, kind).text === once;
      }),
      { numRuns: 3000 },
    );
  });
});
