/**
 * A decision's feature breakdown, stored in JSON text: analysts see it parsed, or the text itself when
 * it is not JSON (written by hand, or by older code), and null when there is none.
 */
export function explanationOf(stored: unknown): unknown {
  if (typeof stored !== 'string') return null;
  try {
    return JSON.parse(stored);
  } catch {
    return stored;
  }
}
