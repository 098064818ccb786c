/** Double Metaphone codes (natural's implementation), for Western spellings of the same name. */
import DoubleMetaphone from 'natural/lib/natural/phonetics/double_metaphone';

const encoder = new DoubleMetaphone();

/** [primary, alternate] codes of an ASCII token; empty strings for tokens without letters. */
export function doubleMetaphone(token: string): [string, string] {
  if (!/[a-z]/u.test(token)) return ['', ''];
  const [primary, secondary] = encoder.process(token);
  return [primary, secondary];
}
