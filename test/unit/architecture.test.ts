/**
 * The dependency rules of the layout (README "Architecture"), checked on the source rather than kept by
 * memory: the matching library is pure, the graph layer knows only the domain and the configuration,
 * workers never reach into the shell, Cypher runs only under graph/, and a shape declared in src/domain
 * is not declared again in graph/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const LAYERS = ['matching', 'graph', 'workers', 'src'] as const;

interface SourceFile {
  path: string;
  text: string;
}

function sourceFiles(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      out.push({ path, text: readFileSync(join(ROOT, path), 'utf8') });
    }
  }
  return out;
}

const FILES = LAYERS.flatMap((layer) => sourceFiles(layer));

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)|require\(\s*'([^']+)'\s*\)/gu;

/** Our own modules a file imports, as paths from the project root (packages and node: builtins left out). */
function localImports(file: SourceFile): string[] {
  const found: string[] = [];
  for (const match of file.text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier === undefined || !specifier.startsWith('.')) continue;
    found.push(relative(ROOT, resolve(join(ROOT, dirname(file.path)), specifier)));
  }
  return found;
}

const within = (path: string, folder: string): boolean => path === folder || path.startsWith(`${folder}/`);

/** Each offending import as "file -> import". */
function violations(layer: string, allowed: (target: string) => boolean): string[] {
  return FILES.filter((f) => within(f.path, layer)).flatMap((f) =>
    localImports(f)
      .filter((target) => !allowed(target))
      .map((target) => `${f.path} -> ${target}`),
  );
}

const DOMAIN_AND_CONFIG = (target: string): boolean => within(target, 'src/domain') || within(target, 'src/config');

describe('the layout keeps its boundaries', () => {
  it('finds the source it checks', () => {
    expect(FILES.filter((f) => within(f.path, 'graph')).length).toBeGreaterThan(10);
    expect(localImports({ path: 'graph/x.ts', text: "import { a } from '../src/domain/api';" })).toEqual([
      'src/domain/api',
    ]);
  });

  it('matching imports nothing of ours outside itself', () => {
    expect(violations('matching', (target) => within(target, 'matching'))).toEqual([]);
  });

  it('graph imports only matching, the domain and the configuration', () => {
    expect(
      violations(
        'graph',
        (target) => within(target, 'graph') || within(target, 'matching') || DOMAIN_AND_CONFIG(target),
      ),
    ).toEqual([]);
  });

  it('workers never import the shell, only the domain and the configuration of src', () => {
    expect(violations('workers', (target) => !within(target, 'src') || DOMAIN_AND_CONFIG(target))).toEqual([]);
  });

  it('the domain depends on nothing but itself and the matching library', () => {
    expect(violations('src/domain', (target) => within(target, 'src/domain') || within(target, 'matching'))).toEqual(
      [],
    );
  });

  it('runs Cypher only under graph/', () => {
    const cypher = /\b(?:tx|session|transaction)\.run\(|\.executeQuery\(/u;
    const outside = FILES.filter((f) => !within(f.path, 'graph') && cypher.test(f.text)).map((f) => f.path);
    expect(outside).toEqual([]);
  });

  it('declares no shape in graph/ that the domain already declares', () => {
    const declared = /export\s+const\s+([A-Z]\w*)\s*=\s*(?:z\.|[A-Z]\w*\.(?:extend|pick|omit|merge)\()/gu;
    const domainShapes = new Set(
      FILES.filter((f) => within(f.path, 'src/domain')).flatMap((f) =>
        [...f.text.matchAll(declared)].map((m) => m[1]!),
      ),
    );
    expect(domainShapes.size).toBeGreaterThan(5);
    const repeated = FILES.filter((f) => within(f.path, 'graph')).flatMap((f) =>
      [...f.text.matchAll(/export\s+(?:interface|type)\s+([A-Z]\w*)/gu)]
        .map((m) => m[1]!)
        .filter((name) => domainShapes.has(name))
        .map((name) => `${f.path}: ${name}`),
    );
    expect(repeated).toEqual([]);
  });
});
