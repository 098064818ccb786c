/**
 * Blocking as data: each key builder declares the keys it makes from a record and the number of
 * records sharing one of its keys at which that key turns generic (it then stops driving candidates,
 * as Senzing's generic thresholds do). Adding a way to find candidates means adding a row here.
 */
import { type Identifier, identifierKey } from '../identifiers';
import { type LshParams, lshBands } from './minhash';
import { ADDRESS_KEY_PREFIX, IDENTIFIER_KEY_PREFIX } from './valueKeys';

/** A name token with its phonetic codes, the primary code first. */
export interface BlockingToken {
  readonly text: string;
  readonly codes: readonly string[];
  /** Consonants only: survives vowel typos, swapped letters across a vowel and doubled letters. */
  readonly skeleton: string;
}

/** What blocking reads from a record, already normalised by the matching library. */
export interface BlockingView {
  /** Name tokens (Latin script, lower case, honorifics and legal forms removed), one array per name. */
  readonly names: ReadonlyArray<readonly BlockingToken[]>;
  readonly identifiers: readonly Identifier[];
  /** Birth dates as ISO prefixes ("1971-06-24", "1971"). */
  readonly birthDates: readonly string[];
  /** Addresses folded to lower-case words separated by single spaces. */
  readonly addresses: readonly string[];
}

export interface KeyBuilder {
  /** Key prefix: every key this builder makes reads `name:value`. */
  readonly name: string;
  /** A key held by this many records or more is generic. */
  readonly genericAt: number;
  /**
   * Held by more records than this, a key of this builder finds a candidate only together with a
   * second shared key: one common token's sound, or one n-gram band, is too little on its own.
   * Absent: any one shared key suffices.
   */
  readonly aloneUpTo?: number;
  /**
   * What sharing a key means: `strong` keys are strong identifiers (sharing one links), `name` and
   * `weak` keys (tails of numbers) only find candidates for scoring.
   */
  readonly role: 'name' | 'strong' | 'weak';
  build(view: BlockingView): string[];
}

/** Rows per band and bands: a 0.75-Jaccard typo shares a band with p≈0.97, a 0.33 look-alike p≈0.09. */
export const LSH_PARAMS: LshParams = { bands: 8, rows: 4, gram: 3 };
/**
 * Keys built from a single token or a single band stop finding candidates alone above this count: on
 * the benchmark sets this halves the pairs scored and loses about 2.5% of the true pairs that blocking
 * can see (docs/blocking.md).
 */
const SINGLE_EVIDENCE_ALONE_UP_TO = 50;
/** Single letters (initials) carry no phonetic information worth a key. */
const MIN_PHONETIC_TOKEN = 2;
/** Tail digits shared by a partial and a full number; four is what receipts and victims usually see. */
const WEAK_TAIL_DIGITS = 4;
/** Kinds whose tails a masked value can be compared with. */
const NUMERIC_KINDS: ReadonlySet<string> = new Set(['phone', 'account', 'iban', 'registration', 'idNumber']);

type Tokens = readonly BlockingToken[];

const sounded = (tokens: Tokens): Tokens => tokens.filter((t) => t.text.length >= MIN_PHONETIC_TOKEN);

/** Every code of every token: the widest net, for single-token keys. */
const allCodes = (tokens: Tokens): string[] =>
  sounded(tokens)
    .flatMap((t) => t.codes)
    .filter(Boolean);

/** One code per token, for keys that combine tokens, so that their number stays linear. */
const primaryCodes = (tokens: Tokens): string[] =>
  sounded(tokens)
    .map((t) => t.codes[0] ?? '')
    .filter(Boolean);

const texts = (tokens: Tokens): string[] => tokens.map((t) => t.text);

const perName = (view: BlockingView, build: (tokens: Tokens) => string[]): string[] =>
  view.names.filter((tokens) => tokens.length > 0).flatMap(build);

const sorted = (items: readonly string[]): string[] => [...items].sort();

/** Long names (titles, patronymics) would make a square number of pairs; their first tokens suffice. */
const MAX_PAIR_TOKENS = 6;

function tokenPairs(codes: readonly string[]): string[] {
  const distinct = [...new Set(codes)].slice(0, MAX_PAIR_TOKENS);
  const pairs: string[] = [];
  for (let i = 0; i < distinct.length; i += 1) {
    for (let j = i + 1; j < distinct.length; j += 1)
      pairs.push(sorted([distinct[i] as string, distinct[j] as string]).join('|'));
  }
  return pairs;
}

function digitTail(id: Identifier): string | undefined {
  if (!NUMERIC_KINDS.has(id.kind)) return undefined;
  const digits = id.value.replace(/\D+/gu, '');
  return digits.length >= WEAK_TAIL_DIGITS ? digits.slice(-WEAK_TAIL_DIGITS) : undefined;
}

/** Accounts and IBANs end in the same account number, so their tails meet under one kind. */
const tailKind = (kind: string): string => (kind === 'iban' ? 'account' : kind);

export const KEY_BUILDERS: readonly KeyBuilder[] = [
  {
    // Each token's sound: finds reordered, re-romanised and partly missing names.
    name: 'ph',
    genericAt: 200,
    aloneUpTo: SINGLE_EVIDENCE_ALONE_UP_TO,
    role: 'name',
    build: (view) => perName(view, allCodes),
  },
  {
    // Sounds of two tokens of one name, in either order (first and last among them): a name with a
    // typo, a dropped or an added part still shares a pair, and a pair is far rarer than either token.
    name: 'pp',
    role: 'name',
    genericAt: 200,
    build: (view) => perName(view, (tokens) => tokenPairs(primaryCodes(tokens))),
  },
  {
    // Consonant skeletons of two tokens: a typo inside a common given or family name ("Saptura" for
    // "Saputra") breaks its sound, rarely its consonants, and the pair stays rare.
    name: 'sk',
    role: 'name',
    genericAt: 200,
    build: (view) =>
      perName(view, (tokens) =>
        tokenPairs(
          sounded(tokens)
            .map((t) => t.skeleton)
            .filter(Boolean),
        ),
      ),
  },
  {
    // The whole name regardless of order ("Nguyen Van Nam" = "Nam Nguyen Van").
    name: 'st',
    role: 'name',
    genericAt: 200,
    build: (view) => perName(view, (tokens) => [sorted(texts(tokens)).join(' ')]),
  },
  {
    // Character n-gram MinHash bands: finds typos that change a token's sound.
    name: 'lsh',
    role: 'name',
    genericAt: 200,
    aloneUpTo: SINGLE_EVIDENCE_ALONE_UP_TO,
    build: (view) => perName(view, (tokens) => lshBands(texts(tokens), LSH_PARAMS)),
  },
  {
    // A name token's sound with the birth date: keeps common names findable where the name alone is generic.
    name: 'nd',
    role: 'name',
    genericAt: 100,
    build: (view) =>
      view.birthDates.flatMap((date) =>
        perName(view, (tokens) => primaryCodes(tokens).map((code) => `${code}|${date}`)),
      ),
  },
  {
    // The birth date alone: finds a record whose name is missing or unrecognisable. Dates that many
    // share (a bare year, 1 January as the default of some registries) turn generic by themselves.
    name: 'dob',
    role: 'name',
    genericAt: 100,
    build: (view) => [...view.birthDates],
  },
  {
    // The same address written the same way: a shared address finds candidates, the score decides.
    name: ADDRESS_KEY_PREFIX,
    role: 'name',
    genericAt: 100,
    build: (view) => [...view.addresses],
  },
  {
    // Strong identifiers, exactly.
    name: IDENTIFIER_KEY_PREFIX,
    role: 'strong',
    genericAt: 50,
    build: (view) => view.identifiers.filter((id) => id.strength === 'strong').map(identifierKey),
  },
  {
    // The local part of an e-mail address: finds the same mailbox typed with a mistake in the domain.
    name: 'eml',
    role: 'weak',
    genericAt: 50,
    build: (view) =>
      view.identifiers
        .filter((id) => id.kind === 'email')
        .map((id) => id.value.split('@')[0] ?? '')
        .filter(Boolean),
  },
  {
    // Tails of numbers, so that a masked "****5678" meets the full number.
    name: 'weak',
    genericAt: 50,
    role: 'weak',
    build: (view) =>
      view.identifiers.flatMap((id) => {
        const tail = digitTail(id);
        return tail ? [`${tailKind(id.kind)}:${tail}`] : [];
      }),
  },
];
