/** Japanese kana (hiragana and katakana) to modified Hepburn. Kanji are read as Chinese (Han). */

const SYLLABARY =
  'a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho ' +
  'ma mi mu me mo ya yu yo ra ri ru re ro wa wi we wo n ga gi gu ge go za ji zu ze zo da ji zu de do ' +
  'ba bi bu be bo pa pi pu pe po vu';
const HIRAGANA =
  'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわゐゑをんがぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽゔ';

const ROMAJI: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const romaji = SYLLABARY.split(' ');
  [...HIRAGANA].forEach((ch, i) => {
    map.set(ch, romaji[i]!);
    map.set(String.fromCodePoint(ch.codePointAt(0)! + 0x60), romaji[i]!);
  });
  return map;
})();

/** Small kana that merge with the syllable before them (キャ kya, ティ ti, ファ fa). */
const SMALL: Readonly<Record<string, string>> = {
  ゃ: 'ya',
  ゅ: 'yu',
  ょ: 'yo',
  ぁ: 'a',
  ぃ: 'i',
  ぅ: 'u',
  ぇ: 'e',
  ぉ: 'o',
  ゎ: 'wa',
  ャ: 'ya',
  ュ: 'yu',
  ョ: 'yo',
  ァ: 'a',
  ィ: 'i',
  ゥ: 'u',
  ェ: 'e',
  ォ: 'o',
  ヮ: 'wa',
};
const SOKUON = new Set(['っ', 'ッ']);
const LONG_VOWEL = 'ー';

function mergeSmall(previous: string, small: string): string {
  // ウ before a small vowel writes w (ウィ wi, ウェ we, ウォ wo).
  if (previous === 'u' && !small.startsWith('y')) return `w${small}`;
  if (small.startsWith('y') && previous.endsWith('i')) {
    const stem = previous.slice(0, -1);
    return /(sh|ch|j)$/u.test(stem) ? stem + small.slice(1) : stem + small;
  }
  return previous.replace(/[aiueo]$/u, '') + small;
}

export function transliterateKana(text: string): string {
  const parts: string[] = [];
  let doubleNext = false;
  for (const ch of text) {
    if (SOKUON.has(ch)) {
      doubleNext = true;
      continue;
    }
    if (ch === LONG_VOWEL) continue;
    if (ch === '・' || ch === '･') {
      parts.push(' ');
      continue;
    }
    const small = SMALL[ch];
    if (small !== undefined && parts.length > 0) {
      parts.push(mergeSmall(parts.pop()!, small));
      continue;
    }
    let romaji = ROMAJI.get(ch) ?? small ?? ch;
    if (doubleNext && /^[a-z]/u.test(romaji)) romaji = romaji[0] + romaji;
    doubleNext = false;
    parts.push(romaji);
  }
  return parts.join('');
}
