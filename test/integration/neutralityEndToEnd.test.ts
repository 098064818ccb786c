import { permute } from '../support/partition';
import { expectedAudit, joined, reportStream, runStream, type StreamReport } from '../support/reportStream';

// Three reports per recurring subject: enough look-alikes for order to matter, small enough for ten runs.
const REPORTS = reportStream(24);
const ORDERS: ReadonlyArray<readonly StreamReport[]> = [
  REPORTS,
  ...[7, 42, 99, 2024].map((seed) => permute(REPORTS, seed)),
];

/**
 * Sequence neutrality through the real API, queues, workers and resolver: every order of the same
 * reports, taken by one worker runtime or by four racing ones (each with its own BullMQ workers, Redis
 * connections and resolver), ends in the same clusters.
 */
describe('sequence neutrality end to end', () => {
  let reference: string[][];

  beforeAll(async () => {
    const first = await runStream('neutral-reference', REPORTS, { workers: 1 });
    expect(first.audit).toEqual(expectedAudit(REPORTS));
    reference = first.partition;
    expect(joined(reference).length).toBeGreaterThan(3);
  }, 120_000);

  it.each([1, 4])(
    'gives the same clusters for five orders of the reports with %i worker runtime(s)',
    async (workers) => {
      for (const [index, order] of ORDERS.entries()) {
        if (workers === 1 && index === 0) continue; // that run is the reference
        const run = await runStream(`neutral-w${workers}-o${index}`, order, { workers });
        expect(run.audit).toEqual(expectedAudit(REPORTS));
        expect({ order: index, partition: run.partition }).toEqual({ order: index, partition: reference });
      }
    },
    400_000,
  );
});
