/**
 * Korean Hangul to Latin: Revised Romanization computed from the syllable's jamo, with the family
 * name in its customary spelling (김 Kim, 이 Lee, 박 Park) because that is how people write it.
 * Syllables stay separate tokens; the comparators join them when the other name writes "Jongun".
 */

const INITIALS = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'];
const MEDIALS = [
  'a',
  'ae',
  'ya',
  'yae',
  'eo',
  'e',
  'yeo',
  'ye',
  'o',
  'wa',
  'wae',
  'oe',
  'yo',
  'u',
  'wo',
  'we',
  'wi',
  'yu',
  'eu',
  'ui',
  'i',
];
const FINALS = [
  '',
  'k',
  'k',
  'k',
  'n',
  'n',
  'n',
  't',
  'l',
  'k',
  'm',
  'l',
  'l',
  'l',
  'p',
  'l',
  'm',
  'p',
  'p',
  't',
  't',
  'ng',
  't',
  't',
  'k',
  't',
  'p',
  't',
];

const FAMILY_NAMES: Readonly<Record<string, string>> = {
  김: 'kim',
  이: 'lee',
  박: 'park',
  최: 'choi',
  정: 'jung',
  강: 'kang',
  조: 'cho',
  윤: 'yoon',
  장: 'jang',
  임: 'lim',
  한: 'han',
  오: 'oh',
  서: 'seo',
  신: 'shin',
  권: 'kwon',
  황: 'hwang',
  안: 'ahn',
  송: 'song',
  류: 'ryu',
  유: 'yoo',
  홍: 'hong',
  전: 'jeon',
  고: 'ko',
  문: 'moon',
  양: 'yang',
  손: 'son',
  배: 'bae',
  백: 'baek',
  허: 'heo',
  노: 'noh',
  남: 'nam',
  심: 'shim',
  하: 'ha',
  곽: 'kwak',
  성: 'sung',
  차: 'cha',
  주: 'joo',
  우: 'woo',
  구: 'koo',
  민: 'min',
  리: 'ri',
  림: 'rim',
  로: 'ro',
  라: 'ra',
  량: 'ryang',
};

function syllable(ch: string): string {
  const index = ch.codePointAt(0)! - 0xac00;
  if (index < 0 || index >= 11172) return ch;
  const initial = Math.floor(index / 588);
  const medial = Math.floor((index % 588) / 28);
  return INITIALS[initial]! + MEDIALS[medial]! + FINALS[index % 28]!;
}

/**
 * The Revised Romanization reading of a customary family-name spelling (lee -> i, park -> bak): a
 * Korean-script name read as a foreign name's transcription (리코 for Rico) needs the plain reading.
 */
const REVISED_FAMILY_READINGS: ReadonlyMap<string, string> = new Map(
  Object.entries(FAMILY_NAMES).map(([ch, customary]) => [customary, syllable(ch)]),
);

export function revisedFamilyReading(customary: string): string | undefined {
  const reading = REVISED_FAMILY_READINGS.get(customary);
  return reading === customary ? undefined : reading;
}

export function transliterateHangul(text: string, opts: { person: boolean }): string {
  return text
    .split(/\s+/u)
    .filter((word) => word.length > 0)
    .map((word) => {
      const chars = [...word];
      return chars
        .map((ch, i) => (opts.person && i === 0 && chars.length <= 4 ? FAMILY_NAMES[ch] : undefined) ?? syllable(ch))
        .join(' ');
    })
    .join(' ');
}
