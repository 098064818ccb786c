/**
 * Brahmic scripts of India and Bangladesh (Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil,
 * Telugu, Kannada, Malayalam). Unicode encodes them all in the ISCII layout, so one table indexed by
 * the offset inside each script's block romanises them all. Consonants carry an inherent "a" unless a
 * vowel sign or virama follows; a word-final inherent "a" is silent (मोदी, नरेन्द्र keeps it after a
 * conjunct).
 */

const INDEPENDENT: Readonly<Record<number, string>> = {
  0x05: 'a',
  0x06: 'aa',
  0x07: 'i',
  0x08: 'ii',
  0x09: 'u',
  0x0a: 'uu',
  0x0b: 'ri',
  0x0c: 'li',
  0x0d: 'e',
  0x0e: 'e',
  0x0f: 'e',
  0x10: 'ai',
  0x11: 'o',
  0x12: 'o',
  0x13: 'o',
  0x14: 'au',
  0x60: 'ri',
};

const CONSONANTS: Readonly<Record<number, string>> = {
  0x15: 'k',
  0x16: 'kh',
  0x17: 'g',
  0x18: 'gh',
  0x19: 'n',
  0x1a: 'ch',
  0x1b: 'chh',
  0x1c: 'j',
  0x1d: 'jh',
  0x1e: 'n',
  0x1f: 't',
  0x20: 'th',
  0x21: 'd',
  0x22: 'dh',
  0x23: 'n',
  0x24: 't',
  0x25: 'th',
  0x26: 'd',
  0x27: 'dh',
  0x28: 'n',
  0x29: 'n',
  0x2a: 'p',
  0x2b: 'ph',
  0x2c: 'b',
  0x2d: 'bh',
  0x2e: 'm',
  0x2f: 'y',
  0x30: 'r',
  0x31: 'r',
  0x32: 'l',
  0x33: 'l',
  0x34: 'l',
  0x35: 'v',
  0x36: 'sh',
  0x37: 'sh',
  0x38: 's',
  0x39: 'h',
  0x58: 'q',
  0x59: 'kh',
  0x5a: 'gh',
  0x5b: 'z',
  0x5c: 'r',
  0x5d: 'rh',
  0x5e: 'f',
  0x5f: 'y',
};

const VOWEL_SIGNS: Readonly<Record<number, string>> = {
  0x3e: 'a',
  0x3f: 'i',
  0x40: 'i',
  0x41: 'u',
  0x42: 'u',
  0x43: 'ri',
  0x44: 'ri',
  0x45: 'e',
  0x46: 'e',
  0x47: 'e',
  0x48: 'ai',
  0x49: 'o',
  0x4a: 'o',
  0x4b: 'o',
  0x4c: 'au',
  0x57: 'au',
  0x62: 'li',
  0x63: 'li',
};

const VIRAMA = 0x4d;
const NASALS = new Set([0x01, 0x02]);
const IGNORED = new Set([0x03, 0x3c, 0x3d, 0x51, 0x52]);

function romanizeWord(word: string): string {
  const offsets = [...word].map((ch) => {
    const cp = ch.codePointAt(0)!;
    return cp >= 0x0900 && cp <= 0x0d7f ? cp & 0x7f : -cp;
  });
  let out = '';
  let pendingInherent = false;
  let viramaBefore = false;
  let conjunct = false;
  const flush = (): void => {
    if (pendingInherent) out += 'a';
    pendingInherent = false;
  };
  for (const offset of offsets) {
    if (offset < 0) {
      flush();
      out += String.fromCodePoint(-offset);
    } else if (offset in CONSONANTS) {
      flush();
      out += CONSONANTS[offset];
      pendingInherent = true;
      conjunct = viramaBefore;
    } else if (offset === VIRAMA) {
      pendingInherent = false;
      viramaBefore = true;
      continue;
    } else if (offset in VOWEL_SIGNS) {
      out += VOWEL_SIGNS[offset];
      pendingInherent = false;
    } else if (offset in INDEPENDENT) {
      flush();
      out += INDEPENDENT[offset];
    } else if (NASALS.has(offset)) {
      flush();
      out += 'n';
    } else if (offset >= 0x66 && offset <= 0x6f) {
      flush();
      out += String(offset - 0x66);
    } else if (!IGNORED.has(offset)) {
      flush();
    }
    viramaBefore = false;
  }
  // Schwa deletion: the last inherent vowel is silent, except after a conjunct (…न्द्र -> ndra).
  if (pendingInherent && conjunct) out += 'a';
  return out;
}

export function transliterateIndic(text: string): string {
  return text
    .split(/(\s+)/u)
    .map((part) => (/\s/u.test(part) ? part : romanizeWord(part)))
    .join('');
}
