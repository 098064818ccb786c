import { h } from './dom.js';

/*
 * A score's feature breakdown: one bar per feature, to the right (green) when it speaks for a match and
 * to the left (red) when against, its length the feature's weight (a log-likelihood ratio), next to
 * the matcher's own sentence. The weights are shown as numbers too, for those who cannot see colour.
 */

const FULL_SCALE = 8;

function bar(weight) {
  const half = Math.min(Math.abs(weight) / FULL_SCALE, 1) * 50;
  const side = weight >= 0 ? 'for' : 'against';
  const fill = h(`span.${side}`);
  // Set through the CSSOM, which a strict style-src CSP allows, rather than as an inline style attribute.
  fill.style.width = `${half.toFixed(1)}%`;
  return h('div.bar', { 'aria-hidden': 'true' }, fill);
}

function direction(weight) {
  if (weight > 0) return `for a match, weight +${weight.toFixed(1)}`;
  if (weight < 0) return `against a match, weight ${weight.toFixed(1)}`;
  return 'neutral';
}

/** @param {{score?: number, features?: Array<{name: string, weight: number, explanation: string}>}|null} explanation */
export function explanationView(explanation) {
  const features = [...(explanation?.features ?? [])]
    .filter((f) => f.weight !== 0)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  if (features.length === 0) return h('p.muted', null, 'No feature breakdown was stored for this score.');
  return h(
    'ul.features',
    { 'aria-label': 'Why the matcher scored this pair as it did, strongest evidence first' },
    features.map((f) =>
      h(
        'li.feature',
        null,
        h('span.sentence', null, `${f.explanation} `, h('span.muted', null, `(${direction(f.weight)})`)),
        bar(f.weight),
      ),
    ),
  );
}
