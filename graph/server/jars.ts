import fs from 'node:fs';
import path from 'node:path';
import { stampLib, swapDir } from './buildDirs';
import { Neo4jStartError, Neo4jToolMissingError } from './errors';
import type { Neo4jLogger } from './log';
import { runStreaming } from './runTool';

/** Copies the jars pom.xml names from Maven Central (through ~/.m2) into graph/server/lib. */
export async function fetchJars(serverDir: string, mvn: string, logger: Neo4jLogger): Promise<void> {
  const targetDir = path.join(serverDir, 'target');
  fs.mkdirSync(targetDir, { recursive: true });
  // Copy into a fresh folder and swap it in, so a failed or interrupted run never leaves a half-filled lib/
  // and jars from an older Neo4j never linger on the classpath.
  const tmp = fs.mkdtempSync(path.join(targetDir, 'lib-'));
  const started = Date.now();
  logger.info(
    { serverDir },
    'fetching the Neo4j jars with Maven (the first run downloads about 125 MB into ~/.m2; later runs copy from there)',
  );
  try {
    const result = await runStreaming(
      mvn,
      ['-q', '-B', '-f', path.join(serverDir, 'pom.xml'), 'dependency:copy-dependencies', `-Dlantern.libDir=${tmp}`],
      serverDir,
      logger,
      'mvn',
    );
    if (result.spawnError) throw new Neo4jToolMissingError('Maven (mvn)', result.spawnError.message);
    if (result.code !== 0) {
      throw new Neo4jStartError(`mvn dependency:copy-dependencies failed with exit code ${result.code}`, result.tail);
    }
    const jars = fs
      .readdirSync(tmp)
      .filter((f) => f.endsWith('.jar'))
      .sort();
    if (jars.length === 0) throw new Neo4jStartError('mvn dependency:copy-dependencies produced no jars', result.tail);
    stampLib(serverDir, tmp, jars);
    swapDir(tmp, path.join(serverDir, 'lib'));
    logger.info({ jars: jars.length, ms: Date.now() - started }, 'Neo4j jars ready');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
