/**
 * The feature table is the one declaration of a feature: every level its compare can return carries a
 * weight and a sentence, and what the analyst reads is that sentence.
 */
import { FEATURE_WEIGHTS, FEATURES, type MatchRecord, prepareRecord, scorePrepared } from '../../../matching';
import type { PairContext } from '../../../matching/score/features';
import { nameEvidence } from '../../../matching/score/nameEvidence';

const person = (properties: Record<string, string[]>, related?: MatchRecord['related']): MatchRecord => ({
  schema: 'Person',
  properties,
  defaultCountry: 'TH',
  related,
});
const company = (properties: Record<string, string[]>): MatchRecord => ({
  schema: 'Company',
  properties,
  defaultCountry: 'TH',
});

/** Pairs chosen to reach many levels of many features, names, dates, places and identifiers together. */
const PAIRS: ReadonlyArray<readonly [MatchRecord, MatchRecord]> = [
  [
    person({ name: ['Kittipong Suwannarat'], birthDate: ['1979-03-02'] }),
    person({ name: ['Kittipong Suwanarat'], birthDate: ['1981-07-11'] }),
  ],
  [
    person({ name: ['Mr Somchai Jaidee'], birthDate: ['1980-05-12'], nationality: ['TH'], phone: ['+66 81 234 5678'] }),
    person({ name: ['Mrs Somchai Jaidee'], birthDate: ['1980-12-05'], nationality: ['MM'], phone: ['081-234-5678'] }),
  ],
  [
    person({ name: ['Nguyen Van Nam'], birthDate: ['1990-04-30'], address: ['12 Sukhumvit Road Bangkok'] }),
    person({ name: ['Nam Nguyen'], birthDate: ['1990-05-02'], address: ['12 Sukhumvit Road Bangkok'] }),
  ],
  [
    person({ name: ['Salman bin Muhammad'], birthPlace: ['Riyadh'], position: ['driver'] }),
    person({ name: ['Muhammad bin Salman'], birthPlace: ['Riyadh'], position: ['driver'] }),
  ],
  [
    person({ name: ['Anong Rattanakosin'], email: ['anong.r@example.com'], idNumber: ['1234567890123'] }),
    person({ name: ['Anong Boonmee'], email: ['anong.r@example.com'], idNumber: ['1234567890123'] }),
  ],
  [
    person({ name: ['Daw Aye Aye Mar'] }, [
      { schema: 'BankAccount', properties: { accountNumber: ['123-4-56789-0'] } },
    ]),
    person({ name: ['Aye Mar'] }, [{ schema: 'BankAccount', properties: { accountNumber: ['123-4-56789-0'] } }]),
  ],
  [
    company({ name: ['Golden Star 1 Co., Ltd.'], registrationNumber: ['0105561000001'], address: ['99 Rama IV Road'] }),
    company({
      name: ['Golden Star 2 Company Limited'],
      registrationNumber: ['0105561000002'],
      address: ['101 Rama IV Road'],
    }),
  ],
  [company({ name: ['Siam Trading AG'], country: ['TH'] }), company({ name: ['Siam Trading GmbH'], country: ['TH'] })],
];

describe('feature table', () => {
  it('declares, for every feature, a non-empty table of levels each with a finite weight and a sentence', () => {
    expect(new Set(FEATURES.map((f) => f.name)).size).toBe(FEATURES.length);
    for (const feature of FEATURES) {
      const levels = Object.entries(feature.levels);
      expect(levels.length).toBeGreaterThan(0);
      for (const [name, level] of levels) {
        expect({ feature: feature.name, level: name, finite: Number.isFinite(level.weight) }).toEqual({
          feature: feature.name,
          level: name,
          finite: true,
        });
        expect(typeof level.sentence).toBe('function');
        expect(level.sentence('x / y').length).toBeGreaterThan(0);
      }
    }
  });

  it("exports each feature's weights from its row, and the identifiers' weights per kind", () => {
    for (const feature of FEATURES) {
      expect(FEATURE_WEIGHTS[feature.name]).toEqual(
        Object.fromEntries(Object.entries(feature.levels).map(([level, { weight }]) => [level, weight])),
      );
    }
    expect(FEATURE_WEIGHTS.identifier_kind?.idNumber).toBe(12);
    expect(FEATURE_WEIGHTS.identifiers?.strong_match).toBe(12);
  });

  it('explains a scored pair with the sentence of the level each feature found, and weighs it by the level', () => {
    const reached = new Set<string>();
    for (const [x, y] of PAIRS) {
      const a = prepareRecord(x);
      const b = prepareRecord(y);
      const result = scorePrepared(a, b);
      // One name each, so the names the score chose are these (gender reads them).
      expect([a.names.length, b.names.length]).toEqual([1, 1]);
      const names = nameEvidence(a.names[0]!, b.names[0]!);
      for (const feature of FEATURES.filter((f) => !f.usesNames && f.appliesTo.includes(a.group))) {
        const outcome = feature.compare({ a, b, names } satisfies PairContext);
        const scored = result.features.find((f) => f.name === feature.name);
        if (!outcome) {
          expect(scored).toBeUndefined();
          continue;
        }
        const level = feature.levels[outcome.level];
        expect(level).toBeDefined();
        expect(scored?.explanation).toBe(level!.sentence(outcome.detail));
        expect(scored?.weight).toBe(outcome.weight ?? level!.weight);
        reached.add(`${feature.name}.${outcome.level}`);
      }
    }
    // The pairs reach levels with and without a detail in the sentence, and a per-kind weight.
    expect([...reached]).toEqual(
      expect.arrayContaining([
        'birth_date.years_apart',
        'birth_date.swapped',
        'birth_date.different_day',
        'gender.same',
        'gender.different_names_agree',
        'identifiers.strong_match',
        'identifiers.defining_conflict',
        'legal_form.same',
        'legal_form.conflict',
        'address.same',
        'address.different_site',
        'country.same',
        'country.different',
        'related_identifiers.shared',
      ]),
    );
  });

  it('explains the names of a scored pair with the sentences of their levels', () => {
    const a = prepareRecord(person({ name: ['Nguyen Van Nam'] }));
    const b = prepareRecord(person({ name: ['Nam Nguyen'] }));
    const names = nameEvidence(a.names[0]!, b.names[0]!);
    const result = scorePrepared(a, b);
    for (const feature of FEATURES.filter((f) => f.usesNames && f.appliesTo.includes('person'))) {
      const outcome = feature.compare({ a, b, names } satisfies PairContext);
      const scored = result.features.find((f) => f.name === feature.name);
      if (!outcome) continue;
      expect(scored?.explanation).toBe(feature.levels[outcome.level]!.sentence(outcome.detail));
    }
    expect(result.features.find((f) => f.name === 'name_order')?.explanation).toBe(
      FEATURES.find((f) => f.name === 'name_order')!.levels.swapped!.sentence(''),
    );
  });
});
