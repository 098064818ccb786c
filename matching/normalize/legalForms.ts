/**
 * Company legal forms, mapped to one canonical code across jurisdictions and languages, so that
 * "Co., Ltd.", "Company Limited", "Sdn Bhd", "PT", "有限公司" and "บริษัท … จำกัด" agree, and a family
 * per code, so that forms which cannot describe the same company (a stock corporation and a
 * limited-liability company: AG vs GmbH) conflict.
 *
 * The table is data: each row lists spellings in any script. Rows are compiled through the same
 * normalisation as names, so "Công ty TNHH", "ООО" and "จำกัด" are matched in the form names take.
 */
import { distance } from 'fastest-levenshtein';
import { basicTokens } from './basic';
import { PhraseTable } from './phrases';
import { nfkc } from './unicode';

/**
 * limited: private limited companies and LLCs; stock: joint-stock and public companies;
 * corporation: Inc/Corp, used for both; generic: "Company" alone, compatible with everything.
 */
export type LegalFamily =
  | 'limited'
  | 'stock'
  | 'corporation'
  | 'partnership'
  | 'sole'
  | 'cooperative'
  | 'nonprofit'
  | 'generic';

export interface LegalFormRow {
  /** Canonical code, written in lower case the way it appears in normalised names. */
  code: string;
  family: LegalFamily;
  label: string;
  forms: readonly string[];
  /** Forms (besides multi-word ones and codes of three letters or more) that may start a name. */
  prefixForms?: readonly string[];
}

export const LEGAL_FORMS: readonly LegalFormRow[] = [
  {
    code: 'ltd',
    family: 'limited',
    label: 'private limited company',
    forms: [
      'Ltd',
      'Limited',
      'Co Ltd',
      'Co., Ltd.',
      'Company Limited',
      'Co Limited',
      'Limited Company',
      'Pte Ltd',
      'Pte. Ltd.',
      'Private Limited',
      'Pvt Ltd',
      'Pty Ltd',
      'Proprietary Limited',
      'Sdn Bhd',
      'Sdn. Bhd.',
      'Sendirian Berhad',
      'PT',
      'P.T.',
      'Perseroan Terbatas',
      'Persero',
      '有限公司',
      'จำกัด',
      'บริษัท จำกัด',
      'BV',
      'B.V.',
      'Besloten Vennootschap',
      'BVBA',
      'SPRL',
      'ApS',
      'Oy',
      'ကုမ္ပဏီ လီမိတက်',
      'လီမိတက်',
      'Yugen Kaisha',
      '有限会社',
    ],
    prefixForms: ['PT'],
  },
  {
    code: 'llc',
    family: 'limited',
    label: 'limited liability company',
    forms: [
      'LLC',
      'L.L.C.',
      'Limited Liability Company',
      'Công ty TNHH',
      'TNHH',
      'TNHH MTV',
      'Công ty TNHH MTV',
      'Công ty trách nhiệm hữu hạn',
      'trách nhiệm hữu hạn',
      'OOO',
      'ООО',
      'Общество с ограниченной ответственностью',
      'ТОО',
      'Товарищество с ограниченной ответственностью',
      'GmbH',
      'G.m.b.H.',
      'Gesellschaft mit beschränkter Haftung',
      'SARL',
      'S.à r.l.',
      'EURL',
      'SRL',
      'S.R.L.',
      'Societatea cu Răspundere Limitată',
      'Sp. z o.o.',
      'Spółka z ograniczoną odpowiedzialnością',
      's.r.o.',
      'Kft',
      'd.o.o.',
      'OOD',
      'EOOD',
      'SL',
      'S.L.',
      'Sociedad Limitada',
      'Ltda',
      'Lda',
      '有限责任公司',
      '有限責任公司',
      'Godo Kaisha',
      '合同会社',
    ],
    prefixForms: ['TNHH'],
  },
  {
    code: 'jsc',
    family: 'stock',
    label: 'joint-stock company',
    forms: [
      'JSC',
      'Joint Stock Company',
      'Joint-Stock Company',
      'OJSC',
      'Open Joint Stock Company',
      'CJSC',
      'Closed Joint Stock Company',
      'PJSC',
      'Public Joint Stock Company',
      'AO',
      'OAO',
      'ZAO',
      'PAO',
      'АО',
      'ОАО',
      'ЗАО',
      'ПАО',
      'Акционерное общество',
      'Открытое акционерное общество',
      'Закрытое акционерное общество',
      'Публичное акционерное общество',
      'Công ty Cổ phần',
      'Cổ phần',
      'CTCP',
      '股份有限公司',
      '股份公司',
      'Kabushiki Kaisha',
      'KK',
      '株式会社',
      '주식회사',
      'AD',
      'EAD',
      'Zrt',
      'Nyrt',
    ],
    prefixForms: ['AO', 'CTCP'],
  },
  { code: 'ag', family: 'stock', label: 'stock corporation (AG)', forms: ['AG', 'Aktiengesellschaft', 'A.G.'] },
  {
    code: 'sa',
    family: 'stock',
    label: 'société or sociedad anónima',
    forms: [
      'SA',
      'S.A.',
      'Société Anonyme',
      'Sociedad Anónima',
      'SpA',
      'S.p.A.',
      'Società per Azioni',
      'SA de CV',
      'S.A. de C.V.',
      'SAB de CV',
    ],
  },
  {
    code: 'sas',
    family: 'stock',
    label: 'simplified joint-stock company',
    forms: ['SAS', 'S.A.S.', 'SASU', 'Société par actions simplifiée'],
  },
  { code: 'nv', family: 'stock', label: 'public company (NV)', forms: ['NV', 'N.V.', 'Naamloze Vennootschap'] },
  {
    code: 'ab',
    family: 'stock',
    label: 'aktiebolag',
    forms: ['AB', 'Aktiebolag', 'AS', 'A/S', 'ASA', 'Aksjeselskap', 'Oyj'],
  },
  { code: 'se', family: 'stock', label: 'European company (SE)', forms: ['SE', 'Societas Europaea'] },
  {
    code: 'plc',
    family: 'stock',
    label: 'public limited company',
    forms: [
      'PLC',
      'P.L.C.',
      'Public Limited Company',
      'Public Company Limited',
      'Public Co Ltd',
      'Bhd',
      'Berhad',
      'Tbk',
      'Terbuka',
      'จำกัด มหาชน',
      'มหาชน จำกัด',
      'บริษัท มหาชน จำกัด',
    ],
  },
  { code: 'inc', family: 'corporation', label: 'incorporated', forms: ['Inc', 'Inc.', 'Incorporated'] },
  {
    code: 'corp',
    family: 'corporation',
    label: 'corporation',
    forms: ['Corp', 'Corp.', 'Corporation', 'OPC', 'One Person Corporation'],
  },
  {
    code: 'lp',
    family: 'partnership',
    label: 'limited partnership',
    forms: [
      'LP',
      'L.P.',
      'Limited Partnership',
      'CV',
      'C.V.',
      'Commanditaire Vennootschap',
      'Persekutuan Komanditer',
      'KG',
      'Kommanditgesellschaft',
      'GmbH & Co KG',
      'GmbH & Co. KG',
      'ห้างหุ้นส่วนจำกัด',
    ],
    prefixForms: ['CV'],
  },
  {
    code: 'llp',
    family: 'partnership',
    label: 'limited liability partnership',
    forms: ['LLP', 'L.L.P.', 'Limited Liability Partnership', 'PLT', 'Perkongsian Liabiliti Terhad'],
  },
  {
    code: 'partnership',
    family: 'partnership',
    label: 'partnership',
    forms: ['Partnership', 'General Partnership', 'Firma', 'SNC', 'OHG', 'VOF', 'ห้างหุ้นส่วนสามัญ'],
  },
  {
    code: 'sole',
    family: 'sole',
    label: 'sole proprietorship',
    forms: [
      'Sole Proprietorship',
      'Sole Proprietor',
      'UD',
      'Usaha Dagang',
      'DNTN',
      'Doanh nghiệp tư nhân',
      'Hộ kinh doanh',
      'HKD',
      'ИП',
      'Индивидуальный предприниматель',
    ],
    prefixForms: ['UD'],
  },
  {
    code: 'coop',
    family: 'cooperative',
    label: 'cooperative',
    forms: ['Cooperative', 'Co-operative', 'Co-op', 'Koperasi', 'Hợp tác xã', 'HTX', 'สหกรณ์', 'eG'],
  },
  {
    code: 'npo',
    family: 'nonprofit',
    label: 'non-profit organisation',
    forms: [
      'ANO',
      'АНО',
      'Автономная некоммерческая организация',
      'NKO',
      'НКО',
      'NPO',
      'Non-profit',
      'Nonprofit',
      'Not for profit',
      'Yayasan',
      'e.V.',
      'gGmbH',
    ],
  },
  {
    code: 'co',
    family: 'generic',
    label: 'company',
    forms: ['Co', 'Co.', 'Company', 'Công ty', 'Cty', 'บริษัท', '公司', 'ក្រុមហ៊ុន', 'ကုမ္ပဏီ', 'Kompaniya', 'SC'],
    prefixForms: ['SC'],
  },
];

export interface LegalFormMatch {
  code: string;
  family: LegalFamily;
  label: string;
}

const BY_CODE: ReadonlyMap<string, LegalFormMatch> = new Map(
  LEGAL_FORMS.map((r) => [r.code, { code: r.code, family: r.family, label: r.label }]),
);

interface Compiled {
  /** One-word forms long enough that a typo in them is still recognisable (Aktiengeselschaft). */
  longWords: ReadonlyArray<readonly [string, LegalFormMatch]>;
  anywhere: PhraseTable<LegalFormMatch>;
  prefix: PhraseTable<LegalFormMatch>;
  /** The subset a person's name may end with by mistake ("Nicolás Maduro LLC"): unambiguous forms. */
  person: PhraseTable<LegalFormMatch>;
}

function compile(): Compiled {
  const longWords: Array<readonly [string, LegalFormMatch]> = [];
  const compiled: Compiled = {
    longWords,
    anywhere: new PhraseTable(),
    prefix: new PhraseTable(),
    person: new PhraseTable(),
  };
  for (const row of LEGAL_FORMS) {
    const match = BY_CODE.get(row.code)!;
    const prefixForms = new Set((row.prefixForms ?? []).map((f) => basicTokens(f, 'organization').folded.join(' ')));
    for (const form of [row.code, ...row.forms]) {
      const tokens = basicTokens(form, 'organization').folded;
      const joined = tokens.join(' ');
      compiled.anywhere.add(tokens, match);
      if (tokens.length === 1 && joined.length >= MIN_FUZZY_FORM) longWords.push([joined, match]);
      if (tokens.length > 1 || joined.length >= 3 || prefixForms.has(joined)) compiled.prefix.add(tokens, match);
      if (joined.length >= 3 && row.family !== 'generic') compiled.person.add(tokens, match);
    }
  }
  return compiled;
}

const MIN_FUZZY_FORM = 8;

let tables: Compiled | undefined;

function fuzzyLongForm(token: string | undefined): LegalFormMatch | undefined {
  if (token === undefined || token.length < MIN_FUZZY_FORM) return undefined;
  return compiled().longWords.find(
    ([form]) => Math.abs(form.length - token.length) <= 1 && distance(form, token) <= 1,
  )?.[1];
}
const compiled = (): Compiled => (tables ??= compile());

export interface LegalFormSplit {
  tokens: string[];
  forms: LegalFormMatch[];
}

/**
 * Removes legal forms from both ends of a (folded) organisation name, repeatedly ("Tactical Missiles
 * Corporation Joint Stock Company", "PT Astra International Tbk"). A name made of legal-form words
 * only ("Company Limited") keeps them all as its name. "Co" alone adds nothing when a more specific
 * form is present, so it is dropped then.
 */
export function extractLegalForms(tokens: readonly string[], kind: 'person' | 'organization'): LegalFormSplit {
  const { anywhere, prefix, person } = compiled();
  const suffixTable = kind === 'person' ? person : anywhere;
  let start = 0;
  let end = tokens.length;
  const forms: LegalFormMatch[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    const fuzzy = kind === 'organization' ? fuzzyLongForm(tokens[end - 1]) : undefined;
    const atEnd =
      end > start
        ? (suffixTable.matchEndingAt(tokens, end) ?? (fuzzy ? ([1, fuzzy] as [number, LegalFormMatch]) : undefined))
        : undefined;
    if (atEnd && end - atEnd[0] >= start) {
      end -= atEnd[0];
      forms.push(atEnd[1]);
      changed = true;
    }
    const atStart = kind === 'organization' && start < end ? prefix.matchAt(tokens, start) : undefined;
    if (atStart && start + atStart[0] <= end) {
      start += atStart[0];
      forms.push(atStart[1]);
      changed = true;
    }
  }
  if (start >= end) return { tokens: [...tokens], forms: [] };
  const specific = forms.filter((f) => f.family !== 'generic');
  const kept = specific.length > 0 ? specific : forms.slice(0, 1);
  const unique = [...new Map(kept.map((f) => [f.code, f])).values()].sort((a, b) => a.code.localeCompare(b.code));
  return { tokens: tokens.slice(start, end), forms: unique };
}

/** Legal-form words of scripts written without spaces between words (Thai, Khmer, Burmese). */
const UNSPACED_FORMS: readonly string[] = LEGAL_FORMS.flatMap((row) => row.forms)
  .flatMap((form) => nfkc(form).split(/\s+/u))
  .filter((word) => /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]/u.test(word))
  .sort((a, b) => b.length - a.length);

/** "บริษัทสยามทองจำกัด" -> "บริษัท สยามทอง จำกัด", so that the legal form is a token of its own. */
export function segmentUnspacedLegalForms(text: string): string {
  let out = text;
  for (const word of UNSPACED_FORMS) {
    if (out.includes(word)) out = out.split(word).join(` ${word} `);
  }
  return out;
}
