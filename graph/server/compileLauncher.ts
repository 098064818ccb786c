import fs from 'node:fs';
import path from 'node:path';
import { stampClasses, swapDir } from './buildDirs';
import { Neo4jStartError, Neo4jToolMissingError } from './errors';
import type { Neo4jLogger } from './log';
import { runStreaming } from './runTool';

/** Compiles Launcher.java against the jars in lib/ into graph/server/classes. */
export async function compileLauncher(serverDir: string, javac: string, logger: Neo4jLogger): Promise<void> {
  const targetDir = path.join(serverDir, 'target');
  fs.mkdirSync(targetDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(targetDir, 'classes-'));
  const launcherSource = path.join(serverDir, 'Launcher.java');
  try {
    const result = await runStreaming(
      javac,
      // --release keeps the class loadable by a Java 17 runtime even if javac is newer.
      ['--release', '17', '-nowarn', '-d', tmp, '-cp', path.join(serverDir, 'lib', '*'), launcherSource],
      serverDir,
      logger,
      'javac',
    );
    if (result.spawnError) throw new Neo4jToolMissingError('javac (a JDK, not only a JRE)', result.spawnError.message);
    if (result.code !== 0) {
      throw new Neo4jStartError(`javac Launcher.java failed with exit code ${result.code}`, result.tail);
    }
    stampClasses(serverDir, tmp);
    swapDir(tmp, path.join(serverDir, 'classes'));
    logger.info({ classesDir: path.join(serverDir, 'classes') }, 'compiled the Neo4j launcher');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
