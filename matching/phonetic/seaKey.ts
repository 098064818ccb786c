/**
 * A phonetic key for the romanisations of South-East and East Asian names, where one name is written
 * many ways: aspiration marks come and go (ph/p, th/t, kh/k), voiced and voiceless stops are confused
 * (Wade-Giles Chin-p'ing vs pinyin Jinping), vowels are doubled or written as digraphs (Jaidee/Jaidi,
 * Somchay/Somchai, Saen/Sen), final -ng, -nh and -h vary (Minh/Min, Koh/Khor), r and l alternate
 * (Lee/Ri), and Vietnamese Tr- is the Ch- of Chinese (Tran/Chan). Double Metaphone, built for English
 * spelling, misses most of these.
 *
 * Rewrite rules are applied in order on a folded ASCII token; the key is not meant to be read.
 */

const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // Burmese writes aspiration before the consonant (Htun / Tun, Hla / La)
  [/^h(?=[bcdfgjklmnpqrstvwz])/u, ''],
  // affricates: ch, tch, j, zh, ts, dz, Burmese ky/gy all become one class, written "j"
  [/^tr(?=[aeiouy])/u, 'j'],
  [/t?sch|tch|ch|zh|tsh|ts|tz|dzh|dz|dj|jh|j/gu, 'j'],
  [/^(?:ky|gy)(?=[aeiou])/u, 'j'],
  // aspiration and other h-digraphs
  [/ph/gu, 'p'],
  [/th/gu, 't'],
  [/kh/gu, 'k'],
  [/gh/gu, 'g'],
  [/bh/gu, 'b'],
  [/dh/gu, 'd'],
  [/rh/gu, 'r'],
  [/wh/gu, 'w'],
  [/sh|hs|sz/gu, 's'],
  [/^x/u, 's'],
  [/x/gu, 'ks'],
  [/ck/gu, 'k'],
  [/c(?=[eiy])/gu, 's'],
  [/qu/gu, 'kw'],
  [/[cq]/gu, 'k'],
  [/z/gu, 's'],
  [/n[gh]$/u, 'n'],
  // non-rhotic r after a vowel (Park/Pak, Khor/Koh): dropped before a consonant or at the end
  [/(?<=[aeiou])r(?=[^aeiouy]|$)/gu, ''],
  // voicing and close consonants
  [/g/gu, 'k'],
  [/b/gu, 'p'],
  [/d/gu, 't'],
  [/v/gu, 'w'],
  [/r/gu, 'l'],
  // finals
  [/ny/gu, 'n'],
  [/(?<=[aeiou])h(?=[^aeiouy]|$)/gu, ''],
  // vowels: digraphs that write one sound
  [/ee|ii|iy|yi/gu, 'i'],
  [/oo|ou|uu/gu, 'u'],
  [/eo/gu, 'o'],
  [/eu/gu, 'u'],
  [/ae/gu, 'e'],
  [/oa/gu, 'ua'],
  [/ay/gu, 'ai'],
  [/ey/gu, 'ei'],
  [/aw|ao/gu, 'au'],
  [/ow/gu, 'o'],
  [/(?<=[^aeiou])y(?=[^aeiou]|$)/gu, 'i'],
  // doubled letters
  [/([a-z])\1+/gu, '$1'],
];

export function seaKey(token: string): string {
  let key = token;
  for (const [pattern, replacement] of RULES) key = key.replace(pattern, replacement);
  return key;
}

/**
 * Consonant skeleton: the SEA key without vowels and semivowels, for comparing a name written in an
 * abjad (Arabic محمد -> mhmd) with its vowelled forms (Mohammed).
 */
export function consonantSkeleton(token: string): string {
  return seaKey(token)
    .replace(/[aeiouyw]/gu, '')
    .replace(/([a-z])\1+/gu, '$1');
}

const VOWEL = '[aeiou]';
/** Consonants, with C for the affricate ch/j and N for ng once they are folded. */
const CONSONANT = '[b-df-hj-np-tv-zCN]';
const CLOSING = `(?=${CONSONANT}|$)`;

/**
 * The spelling rules of Thai names written in Latin letters, official (RTGS) and informal, as one
 * sound class each; applied in order. What Thai distinguishes stays apart: -ng and -n, r and l as
 * onsets, a doubled consonant (a final that is also the next onset, ศุภวรรณ supphawan) and a single
 * one (สุภาวรรณ suphawan), another vowel, an inserted syllable.
 */
const THAI_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // a silent final e of English spelling (Weerapote / Wiraphot)
  [/(?<=[aeiou][b-df-hj-np-tv-z])e$/u, ''],
  // ร after ศ, ส is silent: ศรี is si in RTGS and often sri informally
  [/sr/gu, 's'],
  // aspiration marks come and go
  [/ph/gu, 'p'],
  [/th/gu, 't'],
  [/kh/gu, 'k'],
  [/bh/gu, 'p'],
  // the affricate ช/จ: ch or j; RTGS tch is a final t before it (watchara), informally dch or dj
  [/[td](?:ch|j)|tc(?!h)/gu, 'tC'],
  [/ch|j/gu, 'C'],
  [/ng/gu, 'N'],
  // ck, c and q are k; g is the ก that RTGS writes k; v is ว
  [/ck|[cqg]/gu, 'k'],
  [/v/gu, 'w'],
  // vowels: doubled letters and the informal digraphs of RTGS i, u, oe
  [/ee|ii/gu, 'i'],
  [/oo|uu/gu, 'u'],
  [/aa/gu, 'a'],
  [new RegExp(`er${CLOSING}`, 'gu'), 'oe'],
  // after a vowel, ว closing a syllable is RTGS o and informal w (kaeo / kaew); ย is i and y (oi / oy)
  [new RegExp(`(?<=${VOWEL})w${CLOSING}`, 'gu'), 'o'],
  [new RegExp(`(?<=${VOWEL})y${CLOSING}`, 'gu'), 'i'],
  // an r after a vowel before a consonant or at the end only marks a long vowel (-orn / -on,
  // -arn / -an): Thai has no final r sound, RTGS writes final ร as n
  [new RegExp(`(?<=${VOWEL})r${CLOSING}`, 'gu'), ''],
  // RTGS finals are single: a silent letter that informal spelling keeps at the end is dropped (Oranant)
  [new RegExp(`(?<=${VOWEL}${CONSONANT})${CONSONANT}$`, 'u'), ''],
  // final consonants of one Thai final sound are one: t for s, d, ch; n for l; p for b, f
  [new RegExp(`(?<=${VOWEL})[sdC]${CLOSING}`, 'gu'), 't'],
  [new RegExp(`(?<=${VOWEL})l${CLOSING}`, 'gu'), 'n'],
  [new RegExp(`(?<=${VOWEL})[bf]${CLOSING}`, 'gu'), 'p'],
  // a short a in a closed syllable is often written u informally, as in English "sun" (Nuttapong)
  [new RegExp(`u(?=${CONSONANT}${CLOSING})`, 'gu'), 'a'],
];

/**
 * The sound class of one name across its romanisations, finer than seaKey: two single given names
 * that share it are spellings of one name, two that do not are different names however close they
 * are written (Chanchai / Chanachai).
 */
export function nameSoundKey(token: string): string {
  let key = token;
  for (const [pattern, replacement] of THAI_RULES) key = key.replace(pattern, replacement);
  return key;
}
