// Shards as real processes (the built CLI), as an orchestrator runs them: at the same time, each
// told its index by JOB_COMPLETION_INDEX; one killed and retried. The merge equals one process.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, makeTree } from '../../helpers.js';
import { asSingle, readReport, withoutRun } from './shard-helpers.js';

const BIN = path.join(ROOT, 'bin/piiscan.js');
const run = promisify(execFile);

function shard(i: number, cwd: string) {
  const args = [BIN, 'scan', 'logs', '--shards', '3', '-f', 'json', '-o', `parts/part-${i}.json`, '-q'];
  return { args, options: { cwd, env: { PATH: process.env['PATH'], JOB_COMPLETION_INDEX: String(i) } } };
}

describe('shards as processes', () => {
  it('run at once, one killed and retried, merge into the single-process report', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 9; i++)
      files[`logs/svc${i}/app.log`] = `WARN login for user${i}@example.com\n`.repeat(50 * (i + 1));
    const cwd = makeTree({ ...files, 'parts/.keep': '' });
    const killed = spawn(process.execPath, shard(1, cwd).args, shard(1, cwd).options);
    killed.kill('SIGKILL');
    await new Promise((resolve) => killed.on('exit', resolve));
    expect(existsSync(path.join(cwd, 'parts/part-1.json'))).toBe(false);
    await Promise.all([0, 1, 2].map((i) => run(process.execPath, shard(i, cwd).args, shard(i, cwd).options)));
    await run(process.execPath, [BIN, 'scan', 'logs', '-f', 'json', '-o', 'single.json', '-q'], { cwd }).catch(
      (error: { code: number }) => expect(error.code).toBe(1),
    );
    await run(process.execPath, [BIN, 'merge', 'parts', '-f', 'json', '-o', 'merged.json', '-q'], { cwd }).catch(
      (error: { code: number }) => expect(error.code).toBe(1),
    );
    expect(asSingle(withoutRun(readReport(cwd, 'merged.json')))).toEqual(withoutRun(readReport(cwd, 'single.json')));
  }, 60_000);
});
