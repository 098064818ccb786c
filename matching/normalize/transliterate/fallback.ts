/**
 * Last resort for scripts without a transliterator of our own (Lao, Ethiopic, Tibetan, Sinhala,
 * ...): any-ascii. It is an ES module, which Node 20.19+ loads with require() (jest is configured to
 * transform it). Loaded on first use only, so the common scripts never pay for its tables.
 */
type Transliterator = (text: string) => string;

let anyAscii: Transliterator | undefined;

export function transliterateFallback(text: string): string {
  anyAscii ??= (require('any-ascii') as { default: Transliterator }).default;
  return anyAscii(text);
}
