// Run by a Node line piiscan does not support (these machines carry Node 20 as their own), the bin
// says which lines it needs, in one line, and exits 2 before loading anything.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

/** A Node binary older than 22 among the usual places, if the machine has one. */
const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find(
  (file) =>
    existsSync(file) &&
    Number(spawnSync(file, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.split('.')[0]) < 22,
);

describe('Node version', () => {
  it.skipIf(oldNode === undefined)('refuses an unsupported Node line with one line and exit code 2', () => {
    const result = spawnSync(oldNode!, [path.join(ROOT, 'bin/piiscan.js'), '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^piiscan: needs Node\.js 22\.22, 24\.15, 26 or later; this is v\d+\.\d+\.\d+\n$/);
    expect(result.stdout).toBe('');
  });

  it('runs under the Node running the tests', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/piiscan.js'), '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });
});
