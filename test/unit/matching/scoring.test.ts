import {
  DEFAULT_THRESHOLDS,
  type MatchRecord,
  prepareRecord,
  scoreNames,
  scorePrepared,
  scoreRecords,
  type TermFrequencies,
} from '../../../matching';

const { review, autoLink } = DEFAULT_THRESHOLDS;
const person = (properties: Record<string, string[]>): MatchRecord => ({
  schema: 'Person',
  properties,
  defaultCountry: 'TH',
});
const score = (a: string, b: string, schema = 'Person') => scoreNames(a, b, schema).score;
const weightOf = (result: ReturnType<typeof scoreNames>, feature: string) =>
  result.features.find((f) => f.name === feature)?.weight;

describe('romanisation variants of one name match', () => {
  it.each([
    ['Thai', 'Somchai Jaidee', 'Somchay Jaidi'],
    ['Thai script against its romanisation', 'สมชาย ใจดี', 'Somchai Jaidee'],
    ['Vietnamese with and without diacritics', 'Trần Thị Hồng Nhung', 'Tran Thi Hong Nhung'],
    ['Vietnamese family name moved to the end', 'Tran Thi Hong Nhung', 'Hong Nhung Tran Thi'],
    ['Khmer script against its romanisation', 'ហ៊ុន សុខា', 'Hun Sokha'],
    ['Burmese with and without honorific', 'U Kyaw Zeya', 'Kyaw Zeya'],
    ['Burmese script against its romanisation', 'မောင်ထွန်းထွန်း', 'Maung Tun Tun'],
    ['Thai script with implicit vowels read differently', 'วิชัย รัตนพงษ์', 'Wichai Rattanapong'],
    ['Malaysian Chinese with dialect spelling and nickname particle', 'Tan Ah Kow Seng', 'Tan Kow Seng'],
    ['Indonesian with title', 'Haji Bambang Sutrisnowati', 'Bambang Sutrisnowati'],
    ['typo in a rare family name', 'Pornthip Wongsuwannakit', 'Pornthip Wongsuwanakit'],
    ['name written as one word', 'Pornthipwongsuwannakit', 'Pornthip Wongsuwannakit'],
  ])('%s: %s / %s', (_, a, b) => {
    expect(score(a, b)).toBeGreaterThanOrEqual(review);
  });
});

describe('different people do not match on their names', () => {
  it.each([
    ['another given name', 'Somchai Jaidee', 'Wanchai Jaidee'],
    ['another family name in a long chained name', 'Ahmad Faizal bin Rosli Harun', 'Ahmad Faizal bin Rosli Ismail'],
    ['a short Vietnamese given name one letter off', 'Nguyen Van Hung', 'Nguyen Van Dung'],
    ['another Chinese character with a similar romanisation', '陈志明', '陈志民'],
    ['different patronymic', 'Sergey Ivanovich Petrenko', 'Sergey Pavlovich Petrenko'],
    ['man and woman with the same family and given name', 'Nguyen Van Anh', 'Nguyen Thi Anh'],
    ['father and son order around bin', 'Salleh bin Yusof Rahmat', 'Yusof bin Salleh Rahmat'],
  ])('%s: %s / %s', (_, a, b) => {
    expect(score(a, b)).toBeLessThan(review);
  });
});

describe('companies', () => {
  it('match across legal-form spellings', () => {
    expect(
      score('Golden Lotus Manpower Co., Ltd.', 'GOLDEN LOTUS MANPOWER COMPANY LIMITED', 'Company'),
    ).toBeGreaterThanOrEqual(review);
    expect(score('Công ty TNHH Sao Vàng Mekong', 'Sao Vang Mekong LLC', 'Company')).toBeGreaterThanOrEqual(review);
    expect(
      score('PT Maju Sejahtera Abadi', 'Maju Sejahtera Abadi Perseroan Terbatas', 'Company'),
    ).toBeGreaterThanOrEqual(review);
  });

  it('match across languages of the generic words and across scripts', () => {
    expect(
      score('Công ty TNHH Thương mại Hoàng Long', 'Hoang Long Trading Co., Ltd', 'Company'),
    ).toBeGreaterThanOrEqual(review);
    expect(score('PT Jasa Mandiri Sentosa', 'Mandiri Sentosa Services', 'Company')).toBeGreaterThanOrEqual(review);
    expect(score('บริษัท สยามทอง จำกัด', 'Siam Thong Co., Ltd.', 'Company')).toBeGreaterThanOrEqual(review);
  });

  it('do not match when a distinguishing word differs', () => {
    expect(score('Hoang Long Trading Co Ltd', 'Hoang Long Travel Co Ltd', 'Company')).toBeLessThan(review);
  });

  it('do not match when numbers in the name differ (Golden Star 1 is not Golden Star 2)', () => {
    const result = scoreNames('Golden Star 1 Recruitment Co Ltd', 'Golden Star 2 Recruitment Co Ltd', 'Company');
    expect(result.score).toBeLessThan(review);
    expect(weightOf(result, 'name_numbers')).toBeLessThan(0);
  });

  it('do not match when legal forms cannot describe the same company', () => {
    const result = scoreNames('Borneo Timber Trading AG', 'Borneo Timber Trading GmbH', 'Company');
    expect(weightOf(result, 'legal_form')).toBeLessThan(0);
  });
});

describe('the common-name rule', () => {
  it('a common name alone never reaches autoLink, even when typed identically', () => {
    for (const name of [
      'Nguyen Van Nam',
      'Tran Thi Lan',
      'Chen Wei',
      'Muhammad Ali',
      'Lim Ah Kow',
      'Sok Chan',
      'John Smith',
    ]) {
      const result = scoreNames(name, name);
      expect([name, result.score < autoLink]).toEqual([name, true]);
    }
  });

  it('stays below autoLink whatever the term frequencies say', () => {
    const everythingRare: TermFrequencies = { tokenShare: () => 1e-6 };
    expect(
      scoreRecords(person({ name: ['Nguyen Van Nam'] }), person({ name: ['Nguyen Van Nam'] }), { tf: everythingRare })
        .score,
    ).toBeLessThan(autoLink);
  });

  it('lets corroboration through: the same common name with the same birth date links', () => {
    const a = person({ name: ['Nguyen Van Nam'], birthDate: ['1985-04-12'] });
    const b = person({ name: ['Nguyễn Văn Nam'], birthDate: ['12/04/1985'] });
    expect(scoreRecords(a, b).score).toBeGreaterThanOrEqual(autoLink);
  });

  it('a rare full name alone may link automatically', () => {
    expect(score('Pornthip Wongsuwannakit', 'Pornthip Wongsuwannakit')).toBeGreaterThanOrEqual(autoLink);
  });
});

describe('term frequencies', () => {
  const a = person({ name: ['Pornthip Wongsuwannakit'] });
  const b = person({ name: ['Pornthip Wongsuwannakit'] });

  it('a token the graph has seen often weighs less than an unseen one', () => {
    const seenOften: TermFrequencies = { tokenShare: (t) => (t === 'wongsuwannakit' ? 0.05 : undefined) };
    expect(scoreRecords(a, b, { tf: seenOften }).score).toBeLessThan(scoreRecords(a, b).score);
  });

  it('a few sightings in a small caseload do not yet make a name common', () => {
    const small: TermFrequencies = { tokenShare: () => 4 / 1000, nameCount: 1000 };
    const large: TermFrequencies = { tokenShare: () => 4000 / 1_000_000, nameCount: 1_000_000 };
    expect(scoreRecords(a, b, { tf: small }).score).toBeGreaterThanOrEqual(autoLink);
    expect(scoreRecords(a, b, { tf: large }).score).toBeLessThan(autoLink);
  });
});

describe('structured names', () => {
  it('a given name alone and a family name alone neither agree nor conflict', () => {
    const result = scoreRecords(person({ firstName: ['Malee'] }), person({ lastName: ['Srisuk'] }));
    expect(result.features.find((f) => f.name === 'name_conflict')).toBeUndefined();
  });

  it('a given name alone is compared with the matching part of a full name', () => {
    const result = scoreRecords(
      person({ firstName: ['Malee'], birthDate: ['1990-05-17'] }),
      person({ name: ['Malee Srisuk'], birthDate: ['1990-05-17'] }),
    );
    expect(result.score).toBeGreaterThanOrEqual(review);
  });
});

describe('conflicts lower the score', () => {
  const base = { name: ['Kittipong Suwannarat'] };

  it('different birth dates', () => {
    const agree = scoreRecords(
      person({ ...base, birthDate: ['1979-03-02'] }),
      person({ ...base, birthDate: ['1979-03-02'] }),
    );
    const differ = scoreRecords(
      person({ ...base, birthDate: ['1979-03-02'] }),
      person({ ...base, birthDate: ['1981-07-11'] }),
    );
    expect(differ.score).toBeLessThan(agree.score);
    expect(weightOf(differ, 'birth_date')).toBeLessThan(0);
  });

  it('different addresses, and the same address supports', () => {
    const same = scoreRecords(
      person({ ...base, address: ['99/12 Moo 4, Bang Lamung, Chonburi'] }),
      person({ ...base, address: ['99/12 Moo 4 Banglamung Chonburi'] }),
    );
    expect(weightOf(same, 'address')).toBeGreaterThan(0);
    const differ = scoreRecords(
      person({ ...base, address: ['99/12 Moo 4, Bang Lamung, Chonburi'] }),
      person({ ...base, address: ['17 Jalan Ampang, Kuala Lumpur'] }),
    );
    expect(weightOf(differ, 'address')).toBeLessThan(0);
  });

  it('different nationalities', () => {
    const differ = scoreRecords(
      person({ ...base, nationality: ['TH'] }),
      person({ ...base, nationality: ['Cambodia'] }),
    );
    expect(weightOf(differ, 'country')).toBeLessThan(0);
  });

  it('different ID numbers of a person count little (people hold several documents)', () => {
    const result = scoreRecords(
      person({ ...base, idNumber: ['AA1234567'] }),
      person({ ...base, idNumber: ['BB7654321'] }),
    );
    expect(weightOf(result, 'identifiers')).toBeGreaterThan(-2);
  });

  it('different account numbers of bank accounts', () => {
    const a: MatchRecord = {
      schema: 'BankAccount',
      properties: { accountNumber: ['123-4-56789-0'], bankName: ['Mekong Bank'] },
    };
    const b: MatchRecord = {
      schema: 'BankAccount',
      properties: { accountNumber: ['123-4-56789-1'], bankName: ['Mekong Bank'] },
    };
    const result = scoreRecords(a, b);
    expect(result.strongIdentifierConflict).toBe(true);
    expect(result.score).toBeLessThan(review);
  });
});

describe('identifiers', () => {
  it('a shared phone number is decisive even when the names are written differently', () => {
    const a = person({ name: ['Boss Lim'], phone: ['081 234 5678'] });
    const b = person({ name: ['Lim Chee Keong'], phone: ['+66 81 234 5678'] });
    const result = scoreRecords(a, b);
    expect(result.strongIdentifierMatch).toBe(true);
    expect(result.score).toBeGreaterThanOrEqual(autoLink);
  });

  it('a masked account number only supports', () => {
    const a: MatchRecord = { schema: 'BankAccount', properties: { accountNumber: ['xxx-x-x6789-0'] } };
    const b: MatchRecord = { schema: 'BankAccount', properties: { accountNumber: ['123-4-56789-0'] } };
    const result = scoreRecords(a, b);
    expect(result.strongIdentifierMatch).toBe(false);
    expect(result.score).toBeLessThan(autoLink);
  });
});

describe('the best of several names counts', () => {
  it('an alias of one record can match the name of the other', () => {
    const a = person({ name: ['Chalerm Rattanakosin'], alias: ['Boss Toh'] });
    const b = person({ name: ['Chalerm Ratanakosin'] });
    expect(scoreRecords(a, b).score).toBeGreaterThanOrEqual(review);
  });

  it('first and last name properties make a name', () => {
    const a = person({ firstName: ['Kittipong'], lastName: ['Suwannarat'] });
    const b = person({ name: ['Suwannarat Kittipong'] });
    expect(scoreRecords(a, b).score).toBeGreaterThanOrEqual(review);
  });
});

describe('result shape', () => {
  it('identical records with enough evidence score exactly 1', () => {
    const r = person({ name: ['Pornthip Wongsuwannakit'], birthDate: ['1990-01-05'] });
    expect(scoreRecords(r, r).score).toBe(1);
  });

  it('carries the model version and a sentence per feature', () => {
    const result = scoreNames('Somchai Jaidee', 'Somchay Jaidi');
    expect(result.model).toMatch(/^lantern-match/);
    for (const f of result.features) expect(f.explanation.length).toBeGreaterThan(10);
  });

  it('prepared records score as the raw records do', () => {
    const a = person({ name: ['Ratana Sirikul'] });
    const b = person({ name: ['Rattana Sirikul'] });
    expect(scorePrepared(prepareRecord(a), prepareRecord(b)).score).toBe(scoreRecords(a, b).score);
  });

  it('schemas the model does not know are compared as plain names', () => {
    expect(score('MV Ocean Pearl 3', 'Ocean Pearl 3', 'Vessel')).toBeGreaterThan(0);
    expect(score('Ocean Pearl 3', 'Ocean Pearl 3', 'LegalEntity')).toBeGreaterThanOrEqual(review);
  });
});
