import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino blanks out wherever they appear: API keys, passwords, the HMAC secret, and what a victim
 * told a caseworker (notes, case references) must never reach a log file.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'key',
  '*.key',
  'apiKey',
  '*.apiKey',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'notes',
  '*.notes',
  'caseRef',
  '*.caseRef',
];

/**
 * Logs go to stderr: the CLI's stdout is reserved for results (its last line is often JSON). Another
 * destination is for tests that read what would have been logged.
 */
export function createLogger(
  level: string = process.env.LOG_LEVEL ?? 'info',
  name = 'lantern',
  destination: pino.DestinationStream = pino.destination({ fd: 2, sync: true }),
): Logger {
  return pino(
    { name, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { pid: process.pid } },
    destination,
  );
}
