/**
 * Last resort for scripts without a transliterator of our own (Lao, Ethiopic, Tibetan, Sinhala,
 * ...): any-ascii. It is an ES module; Node 20.19+ loads it with require(), but test runners that
 * replace require() (jest on Node 20) cannot, and there the characters are dropped rather than
 * failing the whole name. Loaded on first use only, so the common scripts never pay for it.
 */
type Transliterator = (text: string) => string;

let anyAscii: Transliterator | null | undefined;

function load(): Transliterator | null {
  try {
    const mod = require('any-ascii') as { default?: Transliterator };
    return typeof mod.default === 'function' ? mod.default : null;
  } catch {
    return null;
  }
}

export function transliterateFallback(text: string): string {
  if (anyAscii === undefined) anyAscii = load();
  return anyAscii ? anyAscii(text) : '';
}
