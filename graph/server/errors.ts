export class Neo4jToolMissingError extends Error {
  constructor(tool: string, detail = '') {
    super(
      `${tool} is needed to run the local Neo4j but was not found${detail ? ` (${detail})` : ''}. ` +
        `Install a JDK and Maven (Debian/Ubuntu: apt-get install -y maven openjdk-17-jdk-headless), ` +
        `or point LANTERN_JAVA at a Java 17/21 java binary, or set NEO4J_URI to an existing Neo4j.`,
    );
    this.name = 'Neo4jToolMissingError';
  }
}

export class Neo4jStartError extends Error {
  constructor(
    message: string,
    readonly outputTail: string[] = [],
  ) {
    super(outputTail.length ? `${message}\n--- last lines of Neo4j output ---\n${outputTail.join('\n')}` : message);
    this.name = 'Neo4jStartError';
  }
}

export class PortInUseError extends Neo4jStartError {
  constructor(
    readonly port: number,
    tail: string[],
  ) {
    super(`Bolt port ${port} is already in use`, tail);
    this.name = 'PortInUseError';
  }
}

/** The errno code of a failed system call (ENOENT, EEXIST, ...), if the error carries one. */
export function errnoCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}
