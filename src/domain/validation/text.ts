/**
 * Characters that have no place in what a caseworker types and that would travel verbatim into the
 * banks' files: control characters (NUL, the ESC that starts a terminal escape sequence), bidirectional
 * overrides and isolates (which make a name or number display in another order than it is stored), and
 * Unicode non-characters. Pure; the exports use the same classes to sanitise data stored before these
 * rules existed.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters refused
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: line breaks and tabs are kept in free text
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/** With the u flag a surrogate matches only when it is not half of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const NON_CHARACTER = /\p{Noncharacter_Code_Point}/u;

/**
 * Characters that show nothing (Unicode's default-ignorable ones): zero-width space, joiners and
 * non-joiners, word joiner, byte order mark, soft hyphen, direction marks, Hangul fillers, variation
 * selectors, tags.
 * Inside a Khmer, Thai, Indic or Persian word they do real work and stay; only a value made of
 * nothing else is refused.
 */
const INVISIBLE = /[\s\p{Default_Ignorable_Code_Point}]/gu;

const codePoint = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function found(value: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(value);
  return match ? `; found ${codePoint(match[0])} at character ${match.index + 1}` : undefined;
}

/**
 * Why a text value cannot be stored, or undefined when it can. `lines` allows tabs and line breaks
 * (free-text notes); every other field is one line.
 */
export function textProblem(value: string, options: { lines?: boolean } = {}): string | undefined {
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it holds half of a surrogate pair)';
  const control = found(value, options.lines ? CONTROL_EXCEPT_LINES : CONTROL);
  if (control)
    return (
      `must not hold control characters (U+0000-U+001F, U+007F-U+009F: NUL, ESC and the escape sequences ` +
      `it starts${options.lines ? '; tabs and line breaks are allowed' : ', tabs, line breaks'})${control}`
    );
  const bidi = found(value, BIDI_CONTROL);
  if (bidi)
    return (
      'must not hold bidirectional override or isolate characters (U+202A-U+202E, U+2066-U+2069), ' +
      `which make text display in another order than it is stored${bidi}`
    );
  const nonCharacter = found(value, NON_CHARACTER);
  if (nonCharacter)
    return `must not hold Unicode non-characters (U+FDD0-U+FDEF, U+FFFE, U+FFFF and the like)${nonCharacter}`;
  return undefined;
}

/** Why a value that must say something says nothing visible, or undefined when it shows text. */
export function visibleTextProblem(value: string): string | undefined {
  return value.replace(INVISIBLE, '') === ''
    ? 'must hold visible characters; spaces and invisible characters (zero-width spaces, joiners, ' +
        'direction marks) alone are not a value'
    : undefined;
}

const UNSAFE_GLOBAL = new RegExp([CONTROL, BIDI_CONTROL, NON_CHARACTER].map((p) => p.source).join('|'), 'gu');

/**
 * The text with every character `textProblem` refuses taken out (line breaks and tabs become spaces),
 * and lone surrogates replaced: what an export writes of a value stored before the rules existed.
 */
export function stripUnsafeText(value: string): string {
  return value
    .replace(new RegExp(LONE_SURROGATE.source, 'gu'), '\uFFFD')
    .replace(/[\t\n\r]+/gu, ' ')
    .replace(UNSAFE_GLOBAL, '');
}
