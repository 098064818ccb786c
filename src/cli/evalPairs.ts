/**
 * `lantern eval pairs FILE.csv`: scores labelled name pairs with the default configuration and
 * reports precision, recall and F1 at the configured review threshold (and F1 at autoLink). The last
 * line of stdout is one JSON object, for scripts; everything before it is for people.
 *
 * The thresholds are the model's constants, never chosen from the file: a figure measured here is
 * what the engine does on data it has not seen.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { DEFAULT_THRESHOLDS, type MatchResult, MODEL_VERSION, scoreNames } from '../../matching';

interface PairRow {
  name1: string;
  name2: string;
  schema: string;
  isMatch: boolean;
}

interface ScoredPair extends PairRow {
  result: MatchResult;
}

interface Counts {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
}

const TRUE_VALUES = new Set(['true', '1', 'yes', 'y', 't']);
const FALSE_VALUES = new Set(['false', '0', 'no', 'n', 'f']);

export function readPairs(csv: string): PairRow[] {
  const records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
    string,
    string
  >[];
  return records.map((row, i) => {
    const line = i + 2;
    const { name1, name2 } = row;
    const label = (row.is_match ?? '').toLowerCase();
    if (name1 === undefined || name2 === undefined || row.is_match === undefined) {
      throw new Error(`line ${line}: the file needs columns name1, name2 and is_match`);
    }
    if (!TRUE_VALUES.has(label) && !FALSE_VALUES.has(label)) {
      throw new Error(`line ${line}: is_match must be true or false, not "${row.is_match}"`);
    }
    return { name1, name2, schema: row.schema?.trim() || 'Person', isMatch: TRUE_VALUES.has(label) };
  });
}

export function measure(pairs: readonly ScoredPair[], threshold: number): Counts {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const pair of pairs) {
    const predicted = pair.result.score >= threshold;
    if (predicted && pair.isMatch) tp += 1;
    else if (predicted) fp += 1;
    else if (pair.isMatch) fn += 1;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, precision, recall, f1 };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
const pct = (x: number): string => x.toFixed(3);

/** The features that moved the score most, for the error listings. */
function reasons(result: MatchResult): string {
  return [...result.features]
    .sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight))
    .slice(0, 2)
    .map((f) => `${f.explanation} (${f.weight >= 0 ? '+' : ''}${f.weight.toFixed(1)})`)
    .join('; ');
}

function errorLines(title: string, pairs: readonly ScoredPair[]): string[] {
  if (pairs.length === 0) return [`${title}: none`];
  return [
    `${title}:`,
    ...pairs.map(
      (p) => `  ${p.result.score.toFixed(3)}  [${p.schema}] ${p.name1}  |  ${p.name2}\n         ${reasons(p.result)}`,
    ),
  ];
}

export function evaluatePairs(rows: readonly PairRow[]): { lines: string[]; summary: Record<string, number> } {
  const scored = rows.map((row) => ({ ...row, result: scoreNames(row.name1, row.name2, row.schema) }));
  const { review, autoLink } = DEFAULT_THRESHOLDS;
  const atReview = measure(scored, review);
  const atAutoLink = measure(scored, autoLink);
  const curve = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99].map((t) => measure(scored, t));
  const best = [...new Set(scored.map((p) => p.result.score))]
    .map((t) => measure(scored, t))
    .reduce((x, y) => (y.f1 > x.f1 ? y : x), atReview);
  const falsePositives = scored
    .filter((p) => !p.isMatch && p.result.score >= review)
    .sort((x, y) => y.result.score - x.result.score);
  const falseNegatives = scored
    .filter((p) => p.isMatch && p.result.score < review)
    .sort((x, y) => x.result.score - y.result.score);
  const positives = scored.filter((p) => p.isMatch).length;
  const lines = [
    `Lantern pair evaluation (${MODEL_VERSION})`,
    `pairs: ${scored.length} (${positives} matches, ${scored.length - positives} non-matches)`,
    `at review = ${review}:   precision ${pct(atReview.precision)}  recall ${pct(atReview.recall)}  ` +
      `F1 ${pct(atReview.f1)}`,
    `at autoLink = ${autoLink}: precision ${pct(atAutoLink.precision)}  recall ${pct(atAutoLink.recall)}  ` +
      `F1 ${pct(atAutoLink.f1)}`,
    `best threshold (after seeing the labels, for information only): ${pct(best.threshold)} F1 ${pct(best.f1)}`,
    '',
    'threshold  precision  recall  F1',
    ...curve.map(
      (c) =>
        `${c.threshold.toFixed(2).padStart(9)}  ${pct(c.precision).padStart(9)}  ${pct(c.recall).padStart(6)} ` +
        ` ${pct(c.f1)}`,
    ),
    '',
    ...errorLines(`false positives (${falsePositives.length}), worst first`, falsePositives.slice(0, 10)),
    ...errorLines(`false negatives (${falseNegatives.length}), worst first`, falseNegatives.slice(0, 10)),
  ];
  const summary = {
    n: scored.length,
    precision: round(atReview.precision),
    recall: round(atReview.recall),
    f1: round(atReview.f1),
    threshold: review,
    f1AutoLink: round(atAutoLink.f1),
  };
  return { lines, summary };
}

export function registerEvalPairs(evalCommand: Command): Command {
  return evalCommand
    .command('pairs <file>')
    .description(
      'Score labelled name pairs (CSV: name1,name2,is_match[,schema]) and report precision, ' +
        'recall and F1 at the default thresholds',
    )
    .action((file: string) => {
      const { lines, summary } = evaluatePairs(readPairs(readFileSync(file, 'utf8')));
      process.stdout.write(`${lines.join('\n')}\n${JSON.stringify(summary)}\n`);
    });
}
