/**
 * Regression floor on a labelled public benchmark (Splink's fake_1000), read from ../shared/benchmarks
 * when it is there: the data are for measuring only and are never copied into the project.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveBatch } from '../../../matching/cluster/batch';
import { defaultEngine } from '../../../matching/cluster/engine';
import { pairwiseMetrics } from '../../../matching/cluster/evaluate';
import { convertCsv, FORMATS } from '../../../scripts/bench-data/formats';

const BENCHMARKS = path.resolve(__dirname, '../../../../shared/benchmarks');
const format = FORMATS['splink-fake'];
const file = format ? path.join(BENCHMARKS, format.file) : '';
const available = existsSync(file);
if (!available) console.log(`skipped: ${file} not found (the benchmark sets live beside the project in shared/)`);

/**
 * Measured on 2026-11-23 with lantern-match-3 (see docs/matching.md): F1 0.924, precision 1.000
 * (lantern-match-2: 0.883); a drop below these is a regression.
 */
const FAKE_1000_F1_FLOOR = 0.91;
const FAKE_1000_PRECISION_FLOOR = 0.99;

(available ? it : it.skip)(
  'keeps the fake_1000 pairwise cluster F1 above its floor',
  () => {
    const records = convertCsv(format!, readFileSync(file, 'utf8'));
    const { labels } = resolveBatch(records, defaultEngine);
    const { f1, precision } = pairwiseMetrics(
      records.map((r) => r.cluster),
      labels.map(String),
    );
    expect(f1).toBeGreaterThanOrEqual(FAKE_1000_F1_FLOOR);
    expect(precision).toBeGreaterThanOrEqual(FAKE_1000_PRECISION_FLOOR);
  },
  120_000,
);
