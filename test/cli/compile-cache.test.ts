// The bin turns on Node's compile cache: a writable folder is filled, and one that cannot be
// created (a read-only file system) changes nothing but the cache: same report, same exit code.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, makeTree } from '../helpers.js';

/** Runs the built CLI as a user would; returns the exit code and the report without its times. */
function scan(dir: string, env: Record<string, string>) {
  const argv = [path.join(ROOT, 'bin/piiscan.js'), 'scan', dir, '-f', 'json', '-q'];
  // Any value of NODE_DISABLE_COMPILE_CACHE, even empty, turns the cache off; NODE_COMPILE_CACHE
  // would turn it on without the bin.
  const inherited = { ...process.env };
  delete inherited['NODE_DISABLE_COMPILE_CACHE'];
  delete inherited['NODE_COMPILE_CACHE'];
  let exitCode = 0;
  let stdout: string;
  try {
    // A time limit: Node 22 could loop for ever making a cache folder under /proc (see the bin).
    stdout = execFileSync(process.execPath, argv, { env: { ...inherited, ...env }, encoding: 'utf8', timeout: 20_000 });
  } catch (error) {
    ({ status: exitCode, stdout } = error as { status: number; stdout: string });
  }
  const report = JSON.parse(stdout) as Record<string, unknown>;
  delete report['startedAt'];
  delete report['finishedAt'];
  return { exitCode, report };
}

describe('compile cache', () => {
  it('fills a writable folder, and a folder it cannot create changes nothing else', () => {
    const dir = makeTree({ 'app.log': 'INFO signup by ann@example.com\n' });
    // The bin's default folder: node-compile-cache in the system's temporary folder.
    const tmp = makeTree({});
    const cache = path.join(tmp, 'node-compile-cache');
    const cached = scan(dir, { TMPDIR: tmp });
    expect(cached.exitCode).toBe(1);
    // One folder per Node version and user, holding an entry per module compiled.
    const [version] = readdirSync(cache);
    expect(readdirSync(path.join(cache, version!)).length).toBeGreaterThan(50);
    const unwritable = scan(dir, { TMPDIR: '/proc/piiscan-tmp' });
    expect(unwritable).toEqual(cached);
    // Under a file: the folder cannot be made there either.
    const underFile = scan(dir, { TMPDIR: path.join(dir, 'app.log', 'tmp') });
    expect(underFile).toEqual(cached);
  }, 60_000);
});
