import { normalizeName } from '../../../matching/normalize/name';
import { detectScripts } from '../../../matching/normalize/script';
import { transliterate } from '../../../matching/normalize/transliterate';
import { foldCase, nfkc, stripDiacritics } from '../../../matching/normalize/unicode';

const person = (raw: string) => normalizeName(raw, 'person');
const company = (raw: string) => normalizeName(raw, 'organization');
const latin = (raw: string, isPerson = true) => transliterate(raw, { person: isPerson }).trim();

describe('Unicode folding', () => {
  it('folds Vietnamese diacritics including đ, which NFD does not decompose', () => {
    expect(stripDiacritics(foldCase('Đặng Thị Hường'))).toBe('dang thi huong');
    expect(stripDiacritics('nguyễn văn đức')).toBe('nguyen van duc');
  });

  it('turns compatibility forms (full-width letters, ligatures) into plain letters', () => {
    expect(nfkc('ＳＯＭＣＨＡＩ')).toBe('SOMCHAI');
    expect(stripDiacritics(foldCase(nfkc('ﬁrst')))).toBe('first');
  });
});

describe('script detection', () => {
  it('names the scripts of a mixed text, most used first, ignoring digits and spaces', () => {
    expect(detectScripts('สมชาย ใจดี 42')).toEqual(['Thai']);
    expect(detectScripts('ABC 有限公司')).toEqual(['Han', 'Latin']);
    expect(detectScripts('ហ៊ុន')).toEqual(['Khmer']);
    expect(detectScripts('မောင်')).toEqual(['Myanmar']);
  });
});

describe('transliteration to Latin', () => {
  it('reads Thai syllables with their implicit vowels, in RTGS-like spelling', () => {
    expect(latin('สมชาย ใจดี')).toBe('somchai chaidi');
    expect(latin('ประยุทธ์')).toBe('prayut');
    expect(latin('ทองดี')).toBe('thongdi');
  });

  it('reads Khmer with the two consonant series', () => {
    expect(latin('ហ៊ុន សែន')).toBe('hun saen');
    expect(latin('សុខ ចាន់')).toBe('sok chan');
  });

  it('reads Burmese names as their conventional syllables', () => {
    expect(latin('မောင်ကျော်ဝင်း')).toBe('maung kyaw win');
    expect(latin('ဒေါ်ခင်သီတာ')).toMatch(/^daw khin/);
  });

  it('reads Chinese person names family name first with the given name joined, in surname readings', () => {
    expect(latin('陈大文')).toBe('chen dawen');
    expect(latin('单田芳')).toBe('shan tianfang');
    expect(latin('华为技术', false)).toBe('hua wei ji shu');
  });

  it('reads Cyrillic with national variants (Ukrainian г is h)', () => {
    expect(latin('Сергей Иванов')).toBe('sergey ivanov');
    expect(latin('Григорій')).toBe('hryhorii');
  });

  it('reads Arabic as a consonant skeleton with long vowels, splitting the article', () => {
    expect(latin('محمد السيد')).toBe('mhmd al sid');
  });

  it('reads Hangul with customary family-name spellings', () => {
    expect(latin('김민준')).toBe('kim min jun');
  });
});

describe('person names', () => {
  it('removes titles wherever they stand and remembers the gender they imply', () => {
    const name = person('Mr. Somchai Jaidee');
    expect(name.text).toBe('somchai jaidee');
    expect(name.gender).toBe('male');
    expect(person('Khun Malee Srisuk').text).toBe('malee srisuk');
    expect(person('Datuk Seri Ahmad Faizal').text).toBe('ahmad faizal');
    expect(person('Tan Sri Lim Boon Keat').text).toBe('lim boon keat');
    expect(person('Hajjah Siti Aminah').gender).toBe('female');
  });

  it('separates a Thai title written joined to the name (นายสมชาย)', () => {
    const name = person('นายสมชาย ใจดี');
    expect(name.text).toBe('somchai chaidi');
    expect(name.honorifics).toEqual(['nai']);
  });

  it(
    'drops Burmese honorifics before a Burmese name but flags them, ' +
      'and keeps Ma and Ko as Chinese or Korean family names',
    () => {
      const burmese = person('U Kyaw Win');
      expect(burmese.text).toBe('kyaw win');
      expect(burmese.burmeseHonorific).toBe(true);
      expect(burmese.gender).toBe('male');
      expect(person('Daw Khin Thida').gender).toBe('female');
      expect(person('Ma Ying Hua').text).toBe('ma ying hua');
      expect(person('Ko Tae Jun').text).toBe('ko tae jun');
    },
  );

  it('reads Ông and Bà as Vietnamese titles, but keeps Ong as a Chinese family name', () => {
    expect(person('Ông Trần Văn Hùng').text).toBe('tran van hung');
    expect(person('Ong Nguyen Van Hung').text).toBe('nguyen van hung');
    expect(person('Ong Kah Meng').text).toBe('ong kah meng');
    expect(person('Bà Lê Thị Mai').gender).toBe('female');
  });

  it('reads Vietnamese Văn and Thị as gender', () => {
    expect(person('Phạm Văn Long').gender).toBe('male');
    expect(person('Phạm Thị Lan').gender).toBe('female');
  });

  it('keeps nickname particles (Boss, Uncle, Ah) as weak tokens and kinship particles as particles', () => {
    const boss = person('Boss Lim');
    expect(boss.roles).toEqual(['weak', 'name']);
    const ah = person('Jason Tan Ah Kow');
    expect(ah.roles).toEqual(['name', 'name', 'weak', 'name']);
    const bin = person('Ahmad bin Ismail');
    expect(bin.roles).toEqual(['name', 'particle', 'name']);
    expect(bin.gender).toBe('male');
  });

  it('puts "Family, Given" back in reading order', () => {
    expect(person('Jaidee, Somchai').text).toBe('somchai jaidee');
  });

  it('splits glued names and reads look-alike digits as letters', () => {
    expect(person('SomchaiJaidee').text).toBe('somchai jaidee');
    expect(person('S0mcha1 Ja1dee').text).toBe('somchai jaidee');
  });

  it('treats an upper-case consonant pair as initials', () => {
    expect(person('JK Rowena').text).toBe('j k rowena');
  });
});

describe('company legal forms', () => {
  const code = (raw: string) => company(raw).legalForms.map((f) => f.code);

  it('maps the spellings of a private limited company to one code', () => {
    for (const raw of [
      'Golden Lotus Co., Ltd.',
      'Golden Lotus Company Limited',
      'Golden Lotus CO LTD',
      'Golden Lotus Pte. Ltd.',
      'Golden Lotus Sdn. Bhd.',
      'Golden Lotus Sendirian Berhad',
      'PT Golden Lotus',
      'บริษัท โกลเด้นโลตัส จำกัด',
    ]) {
      expect(code(raw)).toEqual(['ltd']);
    }
    expect(company('Golden Lotus Co., Ltd.').text).toBe('golden lotus ltd');
  });

  it('maps limited-liability forms (LLC, Công ty TNHH, ООО, GmbH) to one code', () => {
    for (const raw of ['Sao Mai LLC', 'Công ty TNHH Sao Mai', 'ООО Сао Май', 'Sao Mai GmbH', 'Sao Mai L.L.C.'])
      expect(code(raw)).toEqual(['llc']);
  });

  it('maps joint-stock and public forms', () => {
    expect(code('Công ty Cổ phần Sao Mai')).toEqual(['jsc']);
    expect(code('Open Joint Stock Company Sao Mai')).toEqual(['jsc']);
    expect(code('Maju Jaya Berhad')).toEqual(['plc']);
    expect(code('PT Maju Jaya Tbk')).toEqual(['ltd', 'plc']);
    expect(code('บริษัท สยามทอง จำกัด (มหาชน)')).toEqual(['plc']);
  });

  it('recognises legal forms in Chinese characters and in unspaced Thai', () => {
    expect(code('深圳金龙贸易有限公司')).toEqual(['ltd']);
    expect(code('บริษัทสยามทองจำกัด')).toEqual(['ltd']);
  });

  it('recognises partnerships, sole traders and foundations', () => {
    expect(code('CV Sumber Rejeki')).toEqual(['lp']);
    expect(code('UD Sumber Rejeki')).toEqual(['sole']);
    expect(code('Yayasan Sumber Rejeki')).toEqual(['npo']);
  });

  it('tolerates a typo in a long legal-form word', () => {
    expect(code('Borneo Timber Aktiengeselschaft')).toEqual(['ag']);
  });

  it('never strips a company name down to nothing', () => {
    expect(company('Company Limited').tokens.length).toBeGreaterThan(0);
  });
});

describe('numbers and punctuation', () => {
  it('keeps numbers as numbers (Golden Star 1 is not Golden Star 2)', () => {
    expect(company('Golden Star 1 Co Ltd').numbers).toEqual(['1']);
    expect(company('Golden Star 2 Co Ltd').numbers).toEqual(['2']);
  });

  it('reads number words, ordinals and roman numerals in company names', () => {
    expect(company('Brigade Forty-Four').numbers).toEqual(['44']);
    expect(company('First Mekong Bank').text).toBe(company('1st Mekong Bank').text);
    expect(company('Mekong Fund IV L.P.').numbers).toEqual(['4']);
  });

  it('does not read Chinese syllables as roman numerals', () => {
    expect(company('西安贸易').numbers).toEqual([]);
    expect(company('Xi An Trading').numbers).toEqual([]);
  });

  it('folds punctuation, ampersands and dotted acronyms', () => {
    expect(company('A.B.C. Trading').text).toBe(company('ABC Trading').text);
    expect(company('Lim & Tan Logistics').tokens).toEqual(['lim', 'tan', 'logistics']);
    expect(company("Saint-Pierre's Imports").tokens).toEqual(['saint', 'pierres', 'imports']);
  });
});
