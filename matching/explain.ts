/**
 * Explanations for analysts: the features of a score as sentences, strongest first, each with how
 * much it weighed ("strong evidence against").
 */
import type { MatchResult } from './types';

export interface ExplanationLine {
  feature: string;
  sentence: string;
  weight: number;
}

/** Thresholds on |log-likelihood ratio|, in words. */
function strength(weight: number): string {
  const size = Math.abs(weight);
  const direction = weight >= 0 ? 'evidence' : 'evidence against';
  if (size >= 6) return `very strong ${direction}`;
  if (size >= 3) return `strong ${direction}`;
  if (size >= 1) return `moderate ${direction}`;
  return `weak ${direction}`;
}

/** Features ordered by impact, as sentences; features that weighed nothing are left out. */
export function explain(result: MatchResult): ExplanationLine[] {
  return result.features
    .filter((f) => f.weight !== 0 || f.name === 'identical_records')
    .sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight))
    .map((f) => ({
      feature: f.name,
      weight: f.weight,
      sentence: f.weight === 0 ? `${f.explanation}.` : `${f.explanation} (${strength(f.weight)}).`,
    }));
}
