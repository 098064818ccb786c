/** Structurally a subset of pino's Logger, so a pino logger can be passed as is. */
export interface Neo4jLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /** Receives the JVM's own log lines when present. */
  debug?(obj: object, msg?: string): void;
}

export const stderrLogger: Neo4jLogger = {
  info: (obj, msg) => writeStderr('info', obj, msg),
  warn: (obj, msg) => writeStderr('warn', obj, msg),
  error: (obj, msg) => writeStderr('error', obj, msg),
  ...(process.env.LANTERN_NEO4J_DEBUG ? { debug: (obj: object, msg?: string) => writeStderr('debug', obj, msg) } : {}),
};

function writeStderr(level: string, obj: object, msg?: string): void {
  const extra = Object.keys(obj).length ? ` ${JSON.stringify(obj)}` : '';
  process.stderr.write(`[lantern:neo4j] ${level}: ${msg ?? ''}${extra}\n`);
}
