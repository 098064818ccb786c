/**
 * Titles, honorifics and nickname particles in person names.
 *
 * - Titles (Mr, Dr, Khun, Haji, Datuk, Tan Sri, President, ...) are dropped wherever they stand.
 * - Burmese honorifics (U, Daw, Ko, Ma, Maung, Saw, Naw) are part of the spoken name, but two
 *   mentions of one person differ in them (U Aung Win is Ko Aung Win when younger): they are dropped
 *   for comparison and kept as a flag. They are only taken as honorifics before a Burmese given name,
 *   since Ma and Ko are also Chinese and Korean family names.
 * - Vietnamese Ông / Bà are titles when written with their diacritics, or before a Vietnamese family
 *   name; plain "Ong" is a Chinese family name.
 * - Nickname particles (Boss, Uncle, Ah, Pak, Bu) are weak tokens: kept, but neither evidence for a
 *   match nor, when missing on one side, against it.
 *
 * Each entry may carry the gender it implies; a gender conflict is evidence against a match.
 */
import { basicTokens } from './basic';
import { PhraseTable } from './phrases';
import { nfkc } from './unicode';

export type Gender = 'male' | 'female';

/**
 * Where a title may stand. Titles that are also family names (Major, King) count only in front;
 * Junior and Senior only at the end. Titles that are common names of the region are left out
 * altogether: Malay Tun and Tuan are the Burmese name Tun and the Vietnamese name Tuấn.
 */
type TitlePosition = 'anywhere' | 'leading' | 'trailing';

interface TitleRow {
  forms: readonly string[];
  gender?: Gender;
  position: TitlePosition;
}

const TITLES: readonly TitleRow[] = [
  {
    position: 'anywhere',
    gender: 'male',
    forms: [
      'Mr',
      'Mister',
      'Monsieur',
      'Herr',
      'Nai',
      'นาย',
      'Encik',
      'Haji',
      'Hj',
      'Hajji',
      'Alhaji',
      'Datuk',
      'Dato',
      "Dato'",
      'Dato Sri',
      'Datuk Seri',
      'Dato Seri',
      'Tan Sri',
      'Shaikh',
      'Sheikh',
      'Sheik',
      'Mullah',
      'Mulla',
      'Maulana',
      'Mawlana',
      'Maulvi',
      'Mawlawi',
      'Ustaz',
      'Ustadz',
      'Kyai',
      'Sir',
    ],
  },
  {
    position: 'leading',
    gender: 'male',
    forms: ['Señor', 'Senor', 'Signor', 'Lord', 'King', 'Prince', 'Bapak', 'Father', 'Brother'],
  },
  {
    position: 'anywhere',
    gender: 'female',
    forms: [
      'Mrs',
      'Ms',
      'Miss',
      'Madame',
      'Mme',
      'Mlle',
      'Frau',
      'นาง',
      'Nangsao',
      'Nang Sao',
      'นางสาว',
      'Puan',
      'Hajjah',
      'Hjh',
      'Datin',
      'Puan Sri',
      'Toh Puan',
    ],
  },
  {
    position: 'leading',
    gender: 'female',
    forms: ['Señora', 'Senora', 'Sra', 'Madam', 'Nang', 'Cik', 'Dame', 'Lady', 'Queen', 'Princess', 'Ibu', 'Sister'],
  },
  {
    position: 'anywhere',
    forms: [
      'Khun',
      'คุณ',
      'Dr',
      'Doctor',
      'Prof',
      'Professor',
      'Drs',
      'Rev',
      'Reverend',
      'His Excellency',
      'Her Excellency',
      'Excellency',
      'President',
      'Präsident',
      'Président',
      'Presidente',
      'Minister',
      'Qari',
    ],
  },
  {
    position: 'leading',
    forms: [
      'Ir',
      'Hon',
      'Honourable',
      'Honorable',
      'Senator',
      'General',
      'Gen',
      'Colonel',
      'Col',
      'Captain',
      'Capt',
      'Major',
      'Maj',
      'Lieutenant',
      'Lt',
      'Sergeant',
      'Sgt',
    ],
  },
  // Ranks of nobility: titles, not names. Earl, Duke and Lord are also names (Earl Warren, Duke
  // Ellington, Jack Lord): they are removed only after an ordinal ("2nd Earl Granville", see below).
  { position: 'anywhere', gender: 'male', forms: ['Baron', 'Baronet', 'Viscount', 'Marquess', 'Marquis'] },
  { position: 'anywhere', gender: 'female', forms: ['Baroness', 'Viscountess', 'Marchioness', 'Countess', 'Duchess'] },
  { position: 'leading', gender: 'male', forms: ['Count', 'Graf', 'Freiherr'] },
  { position: 'trailing', forms: ['Jr', 'Junior', 'Snr', 'Senior', 'Sr', 'PhD', 'Esq'] },
];

/** Burmese honorifics with the gender they mark. */
const BURMESE: Readonly<Record<string, Gender>> = {
  u: 'male',
  daw: 'female',
  ko: 'male',
  ma: 'female',
  maung: 'male',
  mg: 'male',
  saw: 'male',
  naw: 'female',
};

/**
 * Common Burmese given-name syllables: an honorific is only taken as one before these, or when the
 * name was written in Myanmar script.
 */
const BURMESE_SYLLABLES = new Set([
  'aung',
  'aye',
  'cho',
  'chit',
  'ei',
  'hein',
  'hla',
  'hlaing',
  'htay',
  'htet',
  'htin',
  'htoo',
  'htun',
  'htwe',
  'kaung',
  'khaing',
  'khin',
  'ko',
  'kyaw',
  'kyi',
  'kyu',
  'lin',
  'lwin',
  'ma',
  'maung',
  'min',
  'moe',
  'mya',
  'myat',
  'myint',
  'myo',
  'naing',
  'nandar',
  'nay',
  'nu',
  'nwe',
  'nyein',
  'nyi',
  'nyo',
  'nyunt',
  'oo',
  'paing',
  'phyo',
  'pyae',
  'san',
  'sandar',
  'sein',
  'shwe',
  'soe',
  'sone',
  'su',
  'swe',
  'thant',
  'thaw',
  'thein',
  'thet',
  'thida',
  'thiha',
  'thin',
  'thiri',
  'thu',
  'thura',
  'tin',
  'tun',
  'wai',
  'win',
  'wint',
  'wunna',
  'yadanar',
  'ye',
  'yee',
  'yin',
  'zaw',
  'zin',
  'zaw',
  'zeya',
]);

/** Vietnamese titles by their written form (with diacritics) and gender. */
const VIETNAMESE_TITLES: Readonly<Record<string, Gender>> = { ông: 'male', bà: 'female', cô: 'female', chú: 'male' };

/** Vietnamese family names: "Ong Nguyen Van Nam" is Mr Nguyen, "Ong Kah Ting" is a Mr Ong. */
const VIETNAMESE_FAMILY_NAMES = new Set([
  'nguyen',
  'tran',
  'le',
  'pham',
  'hoang',
  'huynh',
  'phan',
  'vu',
  'vo',
  'dang',
  'bui',
  'do',
  'ho',
  'ngo',
  'duong',
  'ly',
  'dinh',
  'truong',
  'doan',
  'lam',
  'mai',
  'trinh',
  'cao',
  'luong',
  'ha',
  'quach',
  'to',
]);

/** Nickname particles and terms of address: weak tokens. Only "ah" also stands inside a name. */
const LEADING_PARTICLES = new Set([
  'boss',
  'uncle',
  'auntie',
  'aunty',
  'towkay',
  'taukeh',
  'lao',
  'xiao',
  'hia',
  'jae',
  'je',
  'phi',
  'pak',
  'bu',
  'mas',
  'mbak',
  'abang',
  'kak',
  'kakak',
  'bro',
  'sis',
  'big',
  'madam',
]);
const INNER_PARTICLES = new Set(['ah']);

/** Name particles that link name parts (bin, al, de, van der): kept, compared loosely. */
const NAME_PARTICLES = new Set([
  'al',
  'el',
  'ul',
  'ur',
  'ud',
  'bin',
  'ibn',
  'ben',
  'bint',
  'binti',
  'binte',
  'bte',
  'bt',
  'de',
  'da',
  'do',
  'dos',
  'das',
  'del',
  'della',
  'der',
  'den',
  'di',
  'du',
  'la',
  'von',
  'ter',
  'ten',
  'y',
  'anak',
  'of',
]);

/** "1st", "2nd", "14th": a peer's or ruler's ordinal, part of a title rather than of the name. */
const ORDINAL = /^\d+(?:st|nd|rd|th)$/u;
/** Ranks that follow an ordinal in a title ("3rd Earl", "1st Duke", "2nd Lord"). */
const ORDINAL_RANKS = new Set([
  'earl',
  'duke',
  'count',
  'lord',
  'baron',
  'baronet',
  'viscount',
  'marquess',
  'marquis',
  'prince',
  'king',
]);
const PARTICLE_GENDER: Readonly<Record<string, Gender>> = {
  bin: 'male',
  ibn: 'male',
  binti: 'female',
  bint: 'female',
  binte: 'female',
  bte: 'female',
};

interface TitleMatch {
  gender: Gender | null;
  position: TitlePosition;
}

let titleTable: PhraseTable<TitleMatch> | undefined;

function titles(): PhraseTable<TitleMatch> {
  if (titleTable) return titleTable;
  const table = new PhraseTable<TitleMatch>();
  for (const row of TITLES) {
    for (const form of row.forms)
      table.add(basicTokens(form, 'person').folded, { gender: row.gender ?? null, position: row.position });
  }
  titleTable = table;
  return table;
}

function titleAt(tokens: readonly string[], i: number): [number, TitleMatch] | undefined {
  const found = titles().matchAt(tokens, i);
  if (!found || found[0] >= tokens.length) return undefined;
  const { position } = found[1];
  const fits = position === 'anywhere' || (position === 'leading' ? i === 0 : i + found[0] === tokens.length);
  return fits ? found : undefined;
}

export type TokenRole = 'name' | 'particle' | 'weak';

export interface PersonTokens {
  tokens: string[];
  roles: TokenRole[];
  /** Titles and honorifics removed, in folded form. */
  removed: string[];
  /** A Burmese honorific was removed (it is part of the spoken name). */
  burmeseHonorific: boolean;
  gender?: Gender;
}

/** Vietnamese middle names Văn and Thị mark a man and a woman in a Vietnamese name. */
function vietnameseMiddleNameGender(tokens: readonly string[]): Gender | undefined {
  if (tokens.length < 3 || !tokens.some((t) => VIETNAMESE_FAMILY_NAMES.has(t))) return undefined;
  // Văn/Thị stand between family and given name, whichever order the name is written in.
  const inner = tokens.slice(1, -1);
  if (inner.includes('thi')) return 'female';
  if (inner.includes('van')) return 'male';
  return undefined;
}

function burmeseContext(next: string | undefined, fromMyanmarScript: boolean): boolean {
  return next !== undefined && (fromMyanmarScript || BURMESE_SYLLABLES.has(next));
}

/**
 * Removes titles and honorifics and classifies the remaining tokens. Repeats until nothing more is
 * removable, so that applying it to its own output changes nothing.
 */
export function stripHonorifics(
  folded: readonly string[],
  original: readonly string[],
  fromMyanmarScript: boolean,
): PersonTokens {
  const tokens = [...folded];
  const raw = [...original];
  const removed: string[] = [];
  const genders = new Set<Gender>();
  let burmeseHonorific = false;
  const remove = (start: number, length: number, gender: Gender | null | undefined): void => {
    removed.push(tokens.slice(start, start + length).join(' '));
    if (gender) genders.add(gender);
    tokens.splice(start, length);
    raw.splice(start, length);
  };
  for (let changed = true; changed && tokens.length > 1; ) {
    changed = false;
    for (let i = 0; i < tokens.length && tokens.length > 1; i += 1) {
      const title = titleAt(tokens, i);
      if (title) {
        remove(i, title[0], title[1].gender);
        changed = true;
        break;
      }
    }
    if (changed || tokens.length < 2) continue;
    const ordinal = tokens.findIndex((t) => ORDINAL.test(t));
    if (ordinal >= 0) {
      const rank = ordinal + 1 < tokens.length - 1 && ORDINAL_RANKS.has(tokens[ordinal + 1]!) ? 2 : 1;
      remove(ordinal, rank, null);
      changed = true;
      continue;
    }
    const [first, second] = [tokens[0]!, tokens[1]!];
    const vietnameseTitle = VIETNAMESE_TITLES[raw[0]!.toLowerCase()];
    const plainVietnameseTitle = (first === 'ong' || first === 'ba') && VIETNAMESE_FAMILY_NAMES.has(second);
    if (first in BURMESE && burmeseContext(second, fromMyanmarScript)) {
      burmeseHonorific = true;
      remove(0, 1, BURMESE[first]);
      changed = true;
    } else if (vietnameseTitle || plainVietnameseTitle) {
      remove(0, 1, vietnameseTitle ?? (first === 'ong' ? 'male' : 'female'));
      changed = true;
    }
  }
  const roles: TokenRole[] = tokens.map((token, i): TokenRole => {
    // A particle links name parts, so it never ends a name: the last "Bin" of KO TAE BIN is a name.
    if (NAME_PARTICLES.has(token) && i < tokens.length - 1) return 'particle';
    if (INNER_PARTICLES.has(token)) return 'weak';
    const leading = tokens.slice(0, i + 1).every((t) => LEADING_PARTICLES.has(t) || INNER_PARTICLES.has(t));
    return leading && LEADING_PARTICLES.has(token) ? 'weak' : 'name';
  });
  // A name made only of particles keeps them as its name.
  if (!roles.includes('name')) roles.fill('name');
  for (const token of tokens) {
    const gender = PARTICLE_GENDER[token];
    if (gender) genders.add(gender);
  }
  const middle = vietnameseMiddleNameGender(tokens);
  if (middle) genders.add(middle);
  return {
    tokens,
    roles,
    removed,
    burmeseHonorific,
    gender: genders.size === 1 ? [...genders][0] : undefined,
  };
}

/** Thai titles are written joined to the name (นายสมชาย): titles in Thai script, longest first. */
const THAI_TITLES: readonly string[] = TITLES.flatMap((row) => row.forms)
  .filter((form) => /[\u0e00-\u0e7f]/u.test(form))
  .map((form) => nfkc(form))
  .sort((a, b) => b.length - a.length);

export function separateThaiTitle(text: string): string {
  const title = THAI_TITLES.find((t) => text.startsWith(t) && text.length > t.length);
  return title ? `${title} ${text.slice(title.length)}` : text;
}
