/**
 * Script detection by code-point range. Ranges rather than \p{Script=...} regexes: this runs once per
 * character of every name and a binary search over a small sorted table is several times faster.
 */

export type Script =
  | 'Latin'
  | 'Cyrillic'
  | 'Greek'
  | 'Armenian'
  | 'Georgian'
  | 'Hebrew'
  | 'Arabic'
  | 'Indic'
  | 'Thai'
  | 'Lao'
  | 'Myanmar'
  | 'Khmer'
  | 'Hangul'
  | 'Kana'
  | 'Han'
  | 'Other'
  /** Digits, spaces and punctuation: belong to whatever script surrounds them. */
  | 'Common';

/** [first, last, script], sorted by first code point, non-overlapping. */
const RANGES: ReadonlyArray<readonly [number, number, Script]> = [
  [0x0000, 0x0040, 'Common'],
  [0x0041, 0x005a, 'Latin'],
  [0x005b, 0x0060, 'Common'],
  [0x0061, 0x007a, 'Latin'],
  [0x007b, 0x00bf, 'Common'],
  [0x00c0, 0x024f, 'Latin'],
  [0x0250, 0x02af, 'Latin'],
  [0x02b0, 0x036f, 'Common'],
  [0x0370, 0x03ff, 'Greek'],
  [0x0400, 0x052f, 'Cyrillic'],
  [0x0530, 0x058f, 'Armenian'],
  [0x0590, 0x05ff, 'Hebrew'],
  [0x0600, 0x06ff, 'Arabic'],
  [0x0750, 0x077f, 'Arabic'],
  // Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam share one layout.
  [0x0900, 0x0d7f, 'Indic'],
  [0x0e00, 0x0e7f, 'Thai'],
  [0x0e80, 0x0eff, 'Lao'],
  [0x1000, 0x109f, 'Myanmar'],
  [0x10a0, 0x10ff, 'Georgian'],
  [0x1100, 0x11ff, 'Hangul'],
  [0x1780, 0x17ff, 'Khmer'],
  [0x19e0, 0x19ff, 'Khmer'],
  [0x1c90, 0x1cbf, 'Georgian'],
  [0x1e00, 0x1eff, 'Latin'],
  [0x1f00, 0x1fff, 'Greek'],
  [0x2000, 0x2bff, 'Common'],
  [0x2c60, 0x2c7f, 'Latin'],
  [0x2e80, 0x2fdf, 'Han'],
  [0x3000, 0x303f, 'Common'],
  [0x3040, 0x30ff, 'Kana'],
  [0x3130, 0x318f, 'Hangul'],
  [0x31f0, 0x31ff, 'Kana'],
  [0x3400, 0x4dbf, 'Han'],
  [0x4e00, 0x9fff, 'Han'],
  [0xa720, 0xa7ff, 'Latin'],
  [0xa9e0, 0xa9ff, 'Myanmar'],
  [0xaa60, 0xaa7f, 'Myanmar'],
  [0xab30, 0xab6f, 'Latin'],
  [0xac00, 0xd7af, 'Hangul'],
  [0xf900, 0xfaff, 'Han'],
  [0xfb00, 0xfb06, 'Latin'],
  [0xfb1d, 0xfb4f, 'Hebrew'],
  [0xfb50, 0xfdff, 'Arabic'],
  [0xfe70, 0xfeff, 'Arabic'],
  [0xff00, 0xff65, 'Common'],
  [0xff66, 0xff9f, 'Kana'],
  [0x20000, 0x3134f, 'Han'],
];

export function scriptOf(codePoint: number): Script {
  let lo = 0;
  let hi = RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [first, last, script] = RANGES[mid]!;
    if (codePoint < first) hi = mid - 1;
    else if (codePoint > last) lo = mid + 1;
    else return script;
  }
  return 'Other';
}

export interface ScriptRun {
  script: Script;
  text: string;
}

/**
 * Splits text into runs of one script. Common characters (spaces, digits, punctuation) join the run
 * before them, so "ООО АЯС 2000" stays one Cyrillic run; a text of Common characters only is one
 * Common run.
 */
export function splitByScript(text: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  let current: ScriptRun | undefined;
  for (const ch of text) {
    const script = scriptOf(ch.codePointAt(0)!);
    if (current && (script === 'Common' || script === current.script)) {
      current.text += ch;
    } else if (current && current.script === 'Common') {
      current.script = script;
      current.text += ch;
    } else {
      current = { script, text: ch };
      runs.push(current);
    }
  }
  return runs;
}

/** Scripts used in the text, most frequent first, Common excluded. */
export function detectScripts(text: string): Script[] {
  const counts = new Map<Script, number>();
  for (const ch of text) {
    const script = scriptOf(ch.codePointAt(0)!);
    if (script !== 'Common') counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([script]) => script);
}
