import { Counter, Histogram, type Registry } from 'prom-client';

/** What the pipeline counts; registered into the process's registry and served at /metrics. */
export class PipelineMetrics {
  readonly jobs: Counter<'queue' | 'outcome'>;
  readonly jobSeconds: Histogram<'queue'>;
  readonly decisions: Counter<'decision'>;

  constructor(registry: Registry) {
    this.jobs = new Counter({
      name: 'lantern_jobs_total',
      help: 'Jobs finished, by queue and outcome',
      labelNames: ['queue', 'outcome'],
      registers: [registry],
    });
    this.jobSeconds = new Histogram({
      name: 'lantern_job_duration_seconds',
      help: 'Time to process one job, by queue',
      labelNames: ['queue'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.decisions = new Counter({
      name: 'lantern_resolver_decisions_total',
      help: 'Resolution outcomes per mention: new, linked, possible',
      labelNames: ['decision'],
      registers: [registry],
    });
  }
}
