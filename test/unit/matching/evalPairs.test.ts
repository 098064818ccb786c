import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { DEFAULT_THRESHOLDS } from '../../../matching';
import { measure, readPairs, registerEvalPairs } from '../../../src/cli/evalPairs';

const CSV = [
  'name1,name2,is_match,schema',
  'Somchai Jaidee,Somchay Jaidi,true,Person',
  'Somchai Jaidee,Wanchai Jaidee,false,',
  'Golden Lotus Co. Ltd,Golden Lotus Company Limited,TRUE,Company',
  'Golden Star 1 Co Ltd,Golden Star 2 Co Ltd,false,Company',
  'Ocean Pearl 3,Ocean Pearl 3,1,Vessel',
  'Kim Lan Trading,Kim Lan Trading,yes,LegalEntity',
].join('\n');

function runCli(file: string): string[] {
  const out: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  try {
    const program = new Command('lantern').exitOverride();
    registerEvalPairs(program.command('eval'));
    program.parse(['node', 'lantern', 'eval', 'pairs', file]);
  } finally {
    spy.mockRestore();
  }
  return out.join('').trimEnd().split('\n');
}

describe('eval pairs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lantern-eval-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ends its output with one JSON line of the figures at the configured thresholds', () => {
    const file = path.join(dir, 'pairs.csv');
    writeFileSync(file, CSV);
    const lines = runCli(file);
    const summary = JSON.parse(lines[lines.length - 1]!);
    expect(Object.keys(summary)).toEqual(['n', 'precision', 'recall', 'f1', 'threshold', 'f1AutoLink']);
    expect(summary.n).toBe(6);
    expect(summary.threshold).toBe(DEFAULT_THRESHOLDS.review);
    expect(summary.f1).toBeGreaterThan(0.8);
    expect(lines.slice(0, -1).join('\n')).toMatch(/precision .* recall .* F1/);
  });

  it('reads the schema column when present, defaults to Person, and accepts unknown schemas', () => {
    const rows = readPairs(CSV);
    expect(rows.map((r) => r.schema)).toEqual(['Person', 'Person', 'Company', 'Company', 'Vessel', 'LegalEntity']);
    expect(rows.map((r) => r.isMatch)).toEqual([true, false, true, false, true, true]);
  });

  it('works without a schema column', () => {
    expect(readPairs('name1,name2,is_match\nA Lim,A Lim,true').map((r) => r.schema)).toEqual(['Person']);
  });

  it('rejects files without the required columns or with unreadable labels', () => {
    expect(() => readPairs('a,b\n1,2')).toThrow(/name1, name2 and is_match/);
    expect(() => readPairs('name1,name2,is_match\nA,B,maybe')).toThrow(/line 2/);
  });

  it('computes precision, recall and F1 at a threshold', () => {
    const result = (score: number) => ({
      score,
      features: [],
      strongIdentifierMatch: false,
      strongIdentifierConflict: false,
      conflict: null,
      model: 'm',
    });
    const pairs = [
      { name1: '', name2: '', schema: 'Person', isMatch: true, result: result(0.9) },
      { name1: '', name2: '', schema: 'Person', isMatch: true, result: result(0.2) },
      { name1: '', name2: '', schema: 'Person', isMatch: false, result: result(0.7) },
      { name1: '', name2: '', schema: 'Person', isMatch: false, result: result(0.1) },
    ];
    expect(measure(pairs, 0.5)).toEqual({ threshold: 0.5, precision: 0.5, recall: 0.5, f1: 0.5 });
  });
});
