// The folders follow the data: a module may import from its own folder and from folders earlier in
// the flow, never from a later one (a connector never calls into the engine's callers, the engine
// never into reports). A new folder must be given its place here before anything may import it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** The flow, first to last. `errors` and the root modules (version) serve every layer. */
const FLOW = [
  'errors',
  'connectors',
  'engine',
  'detectors',
  'sites',
  'runner',
  'pipeline',
  'gate',
  'source',
  'report',
  'locate',
  'merge',
  'config',
  'cli',
];

/** The layer of a repository path: its folder under src/, `detectors`, or `errors` for a module at src/'s root. */
function layerOf(file: string): string {
  const parts = file.split(path.sep);
  if (parts[0] === 'detectors') return 'detectors';
  return parts.length === 2 ? 'errors' : parts[1]!;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

/** Every relative import of a module (static, dynamic and type-only), as repository paths. */
export function importsOf(file: string, text: string): string[] {
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specs.map((spec) => path.normalize(path.join(path.dirname(file), spec)).replace(/\.js$/, '.ts'));
}

/** Imports that go against the flow, as `from -> to`. */
function againstFlow(files: readonly string[]): string[] {
  return files.flatMap((file) => {
    const rank = FLOW.indexOf(layerOf(file));
    return importsOf(file, readFileSync(path.join(root, file), 'utf8'))
      .filter((target) => FLOW.indexOf(layerOf(target)) > rank)
      .map((target) => `${file} -> ${target}`);
  });
}

describe('import direction', () => {
  const files = [...sourceFiles('src'), ...sourceFiles('detectors')];

  it('gives every folder a place in the flow', () => {
    const unplaced = files.map(layerOf).filter((layer) => !FLOW.includes(layer));
    expect([...new Set(unplaced)]).toEqual([]);
  });

  it('has no import against the flow', () => {
    expect(againstFlow(files)).toEqual([]);
  });

  it('catches an import against the flow', () => {
    const text = "import { buildReport } from '../report/report.js';\n";
    expect(importsOf(path.join('src', 'engine', 'x.ts'), text)).toEqual([path.join('src', 'report', 'report.ts')]);
    expect(FLOW.indexOf(layerOf(path.join('src', 'report', 'report.ts')))).toBeGreaterThan(
      FLOW.indexOf(layerOf(path.join('src', 'engine', 'x.ts'))),
    );
  });
});
