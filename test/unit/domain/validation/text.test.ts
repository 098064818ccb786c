import fc from 'fast-check';
import { stripUnsafeText, textProblem, visibleTextProblem } from '../../../../src/domain/validation/text';

const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const bidi = fc.constantFrom(...BIDI);
const control = fc
  .integer({ min: 0, max: 0x9f })
  .filter((c) => c < 0x20 || c >= 0x7f)
  .map((c) => String.fromCharCode(c));
const around = (inner: fc.Arbitrary<string>) =>
  fc.tuple(fc.string(), inner, fc.string()).map(([before, ch, after]) => before + ch + after);

describe('text a caseworker may submit', () => {
  it('refuses any string holding a bidirectional override or isolate, naming the character', () => {
    fc.assert(fc.property(around(bidi), (value) => expect(textProblem(value)).toMatch(/bidirectional.*U\+20/)));
  });

  it('refuses any string holding a control character, NUL and ESC included', () => {
    fc.assert(fc.property(around(control), (value) => expect(textProblem(value)).toMatch(/control characters/)));
    expect(textProblem('Somchai\u001b[31m')).toMatch(/found U\+001B at character 8/);
    expect(textProblem('a\u0000b')).toMatch(/U\+0000/);
  });

  it('allows tabs and line breaks only in free text', () => {
    expect(textProblem('line one\nline two\ttab', { lines: true })).toBeUndefined();
    expect(textProblem('Somchai\nJaidee')).toMatch(/control characters/);
    expect(textProblem('a\u0007b', { lines: true })).toMatch(/U\+0007/);
  });

  it('refuses non-characters and half surrogate pairs', () => {
    expect(textProblem('a\uFFFE')).toMatch(/non-characters/);
    expect(textProblem('a\uFDD0')).toMatch(/non-characters/);
    expect(textProblem('a\u{10FFFF}')).toMatch(/non-characters/);
    expect(textProblem('a\uD800')).toMatch(/surrogate/);
  });

  it('accepts names in the scripts of the region, joiners inside words included', () => {
    for (const name of [
      'สมชาย ใจดี',
      'សុខ ចាន់\u200Bធី',
      'Nguyễn Văn Nam',
      'မောင်မောင်',
      'क्\u200Dष',
      'می\u200Cخواهم',
      '💣 ข้อความ',
    ]) {
      expect(textProblem(name)).toBeUndefined();
      expect(visibleTextProblem(name)).toBeUndefined();
    }
  });

  it('refuses a value made only of spaces and invisible characters', () => {
    for (const value of ['\u200B', '\u200D\u200C', ' \uFEFF\u2060 ', '\u3164', '\u00AD\u200E']) {
      expect(visibleTextProblem(value)).toMatch(/visible characters/);
    }
  });

  it('accepts any string of printable characters', () => {
    const printable = fc.string({ unit: 'grapheme' }).filter((s) => /^[\p{L}\p{N}\p{P}\p{Zs}]*$/u.test(s));
    fc.assert(fc.property(printable, (value) => expect(textProblem(value)).toBeUndefined()));
  });
});

describe('text leaving in an export', () => {
  it('never holds what the rules refuse, and keeps clean text as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) =>
        expect(textProblem(stripUnsafeText(value))).toBeUndefined(),
      ),
    );
    expect(stripUnsafeText('Nguyễn Văn Nam')).toBe('Nguyễn Văn Nam');
    expect(stripUnsafeText('\u202Egnp.exe\u0000 a\nb')).toBe('gnp.exe a b');
  });
});
