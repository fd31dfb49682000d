// Every process loads only what its command uses: a scan of log files loads neither the code
// parser (only indexing a service's code needs it) nor the formats it was not asked for. Each
// module loaded at start costs every process and every worker thread.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, makeTree } from '../helpers.js';

/** Records the URL of every module the process resolves, written to a file at exit. */
const RECORDER = `
import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';
const urls = new Set();
registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); urls.add(r.url); return r; } });
process.on('exit', () => writeFileSync(process.env.PIISCAN_TEST_MODULES, [...urls].join('\\n')));
`;

function modulesLoadedBy(args: string[]): string[] {
  const dir = makeTree({ 'app.log': 'INFO signup by ann@example.com\n' });
  const list = path.join(dir, 'modules.txt');
  const argv = ['--import', `data:text/javascript,${encodeURIComponent(RECORDER)}`, path.join(ROOT, 'bin/piiscan.js')];
  try {
    execFileSync(process.execPath, [...argv, 'scan', dir, '-q', ...args], {
      env: { ...process.env, PIISCAN_TEST_MODULES: list },
      stdio: 'ignore',
    });
  } catch (error) {
    // Exit 1: the scan found PII, as it should.
    expect((error as { status: number }).status).toBe(1);
  }
  return readFileSync(list, 'utf8').split('\n');
}

const loads = (urls: string[], part: string) => urls.some((u) => u.includes(part));

describe('modules a scan loads', () => {
  it('as JSON: no code parser, no other format, no table or colour packages', () => {
    const urls = modulesLoadedBy(['-f', 'json']);
    expect(loads(urls, '/dist/src/engine/detect.js')).toBe(true);
    expect(loads(urls, '/dist/src/report/json.js')).toBe(true);
    for (const part of ['@vscode/tree-sitter-wasm', 'cli-table3', 'chalk', '/report/html.js', '/report/table.js'])
      expect(loads(urls, part), part).toBe(false);
  }, 30_000);

  it('as a table: the table format and its packages', () => {
    const urls = modulesLoadedBy(['-f', 'table']);
    expect(loads(urls, '/dist/src/report/table.js')).toBe(true);
    expect(loads(urls, 'cli-table3')).toBe(true);
    expect(loads(urls, '@vscode/tree-sitter-wasm')).toBe(false);
  }, 30_000);
});
