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
  return seaKey(token).replace(/[aeiouyw]/gu, '').replace(/([a-z])\1+/gu, '$1');
}
