/**
 * Chinese characters to toneless Hanyu Pinyin (pinyin-pro). Person names are written the way
 * passports write them: family name (read in its surname reading: 单 shan, not dan), then the given
 * name as one word (习近平 -> xi jinping). Other text keeps one syllable per token.
 */
import { pinyin } from 'pinyin-pro';

/** Two-character family names; everything else takes the first character as the family name. */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '司徒',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '夏侯',
  '令狐',
  '澹台',
  '歐陽',
  '司馬',
  '諸葛',
  '東方',
  '長孫',
]);

function syllables(text: string, surnameMode: boolean): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', surname: surnameMode ? 'head' : 'off' })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function personName(word: string): string {
  const chars = [...word];
  if (chars.length < 2 || chars.length > 4) return syllables(word, true).join(' ');
  const familyLength = COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) && chars.length > 2 ? 2 : 1;
  const all = syllables(word, true);
  return `${all.slice(0, familyLength).join('')} ${all.slice(familyLength).join('')}`;
}

/**
 * A middle dot separates the parts of a transcribed foreign name (贝拉克·奥巴马): those are not
 * family-name-first, so each part becomes one word.
 */
export function transliterateChinese(text: string, opts: { person: boolean }): string {
  const foreign = /[·・]/u.test(text);
  return text
    .split(/[\s·・]+/u)
    .filter((word) => word.length > 0)
    .map((word) => {
      if (foreign) return syllables(word, false).join('');
      return opts.person ? personName(word) : syllables(word, false).join(' ');
    })
    .join(' ');
}
