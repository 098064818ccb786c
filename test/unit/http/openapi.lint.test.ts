import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiDocument } from '../../../src/http/app';
import { exportsApi } from '../../../src/http/routes/exports';
import { leadsApi } from '../../../src/http/routes/leads';

/*
 * The OpenAPI document of the whole API (every section, /metrics included) passes Redocly's recommended
 * rules without a single error or warning. The CLI runs offline: a config of its own (no project or
 * remote config), no telemetry and no update check.
 */

const CLI = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }>;
}

describe('the OpenAPI document', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-openapi-lint-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has no error and no warning under Redocly's recommended rules", () => {
    const document = path.join(dir, 'openapi.json');
    const config = path.join(dir, 'redocly.yaml');
    writeFileSync(document, JSON.stringify(apiDocument({ metrics: true, sections: [leadsApi, exportsApi] })));
    writeFileSync(config, 'extends:\n  - recommended\n');
    const args = [CLI, 'lint', document, '--config', config, '--format', 'json', '--max-problems', '1000'];
    const run = spawnSync(process.execPath, args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      timeout: 60_000,
    });
    expect(run.error).toBeUndefined();
    const report = JSON.parse(run.stdout) as LintReport;
    const problems = report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
    expect(run.status).toBe(0);
  });
});
