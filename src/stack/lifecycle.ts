import type { Logger } from '../log/logger';

type Closer = { name: string; close: () => Promise<unknown> };

/**
 * Collects what a command started and stops it in reverse order, once, on SIGINT/SIGTERM or when the
 * command ends. A second signal while stopping forces the exit.
 */
export class Lifecycle {
  private readonly closers: Closer[] = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {}

  add(name: string, close: () => Promise<unknown>): void {
    this.closers.push({ name, close });
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const closer of [...this.closers].reverse()) {
        try {
          await closer.close();
          this.logger.debug({ part: closer.name }, 'stopped');
        } catch (err) {
          this.logger.error({ part: closer.name, err }, 'failed to stop cleanly');
        }
      }
    })();
    return this.stopping;
  }

  /** Resolves after the first SIGINT or SIGTERM has stopped everything. */
  untilSignal(): Promise<void> {
    return new Promise((resolve) => {
      const onSignal = (signal: NodeJS.Signals) => {
        if (this.stopping) {
          this.logger.warn({ signal }, 'second signal: exiting now');
          process.exit(130);
        }
        this.logger.info({ signal }, 'stopping');
        void this.stop().then(resolve);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
  }
}
