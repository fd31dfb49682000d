// A merge refuses parts that do not make one scan (missing, twice, another plan or other
// settings), naming every one, unless --allow-partial; a retried shard writes the same part.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/main.js';
import { makeTree } from '../../helpers.js';
import { readReport, runShards, withoutRun } from './shard-helpers.js';

function makeLogs(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 6; i++) files[`logs/s${i}/app.log`] = `INFO order ${i} for buyer${i}@example.com\n`.repeat(i + 1);
  return makeTree(files);
}

const merge = (cwd: string, ...args: string[]) => run(['merge', ...args, '-f', 'json', '-q'], { cwd, env: {} });

describe('piiscan merge refuses parts that do not make one scan', () => {
  const dir = makeLogs();

  it('names missing shards, and merges them anyway with --allow-partial', async () => {
    await runShards(['logs'], { n: 4, cwd: dir });
    const refused = await merge(dir, 'parts-4/part-0.json', 'parts-4/part-2.json');
    expect(refused).toMatchObject({ exitCode: 2, stdout: '' });
    expect(refused.stderr).toContain('missing shards 1, 3 of 4 (--allow-partial merges without them)');
    const partial = await merge(dir, 'parts-4/part-0.json', 'parts-4/part-2.json', '--allow-partial');
    expect(partial.exitCode).toBe(1);
    const report = JSON.parse(partial.stdout) as { coverage: { missingShards: number[]; files: number } };
    expect(report.coverage.missingShards).toEqual([1, 3]);
    expect(report.coverage.files).toBeLessThan(6);
  });

  it('names a shard given twice, a part of another plan and one of other settings', async () => {
    await runShards(['logs'], { n: 3, cwd: dir });
    copyFileSync(path.join(dir, 'parts-3/part-1.json'), path.join(dir, 'again.json'));
    await run(['scan', 'logs', '--shard', '2/3', '--min-confidence', '0.9', '-f', 'json', '-o', 'other.json', '-q'], {
      cwd: dir,
      env: {},
    });
    writeFileSync(path.join(dir, 'logs/s0/app.log'), 'INFO grown\n'.repeat(50));
    await run(['scan', 'logs', '--shard', '0/3', '-f', 'json', '-o', 'grown.json', '-q'], { cwd: dir, env: {} });
    const refused = await merge(dir, 'parts-3', 'again.json', 'other.json', 'grown.json');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('again.json: shard 1 again (also in parts-3/part-1.json)');
    expect(refused.stderr).toContain('other.json: shard 2 scanned with other settings than parts-3/part-0.json');
    expect(refused.stderr).toContain('grown.json: shard 0 of another plan than parts-3/part-0.json');
    const notPart = await merge(dir, 'parts-3', path.join('parts-4', '..', 'nothing.json'));
    expect(notPart.stderr).toContain('nothing.json: no such file or folder');
  });

  it('refuses a whole report, which is no part', async () => {
    await run(['scan', 'logs', '-f', 'json', '-o', 'whole.json', '-q'], { cwd: dir, env: {} });
    const refused = await merge(dir, 'whole.json');
    expect(refused.stderr).toContain('whole.json: not a part of a sharded scan (piiscan scan --shard)');
    expect(refused.exitCode).toBe(2);
  });

  it('writes the same part when a shard is run again', async () => {
    const dir = makeLogs();
    await runShards(['logs'], { n: 2, cwd: dir });
    const first = withoutRun(readReport(dir, 'parts-2/part-1.json'));
    await runShards(['logs'], { n: 2, cwd: dir });
    expect(withoutRun(readReport(dir, 'parts-2/part-1.json'))).toEqual(first);
  });

  it('puts the index in --output {index}, and a folder merge skips its own report', async () => {
    const dir = makeLogs();
    mkdirSync(path.join(dir, 'parts'));
    for (const i of ['0', '1']) {
      const argv = ['scan', 'logs', '--shards', '2', '-f', 'json', '-o', 'parts/part-{index}.json', '-q'];
      expect((await run(argv, { cwd: dir, env: { AWS_BATCH_JOB_ARRAY_INDEX: i } })).exitCode).toBe(0);
    }
    expect(readReport(dir, 'parts/part-1.json').shard).toMatchObject({ index: 1, count: 2 });
    for (let i = 0; i < 2; i++) {
      const merged = await run(['merge', 'parts', '-f', 'json', '-o', 'parts/report.json', '-q'], {
        cwd: dir,
        env: {},
      });
      expect(merged).toMatchObject({ exitCode: 1, stderr: '' });
    }
  });
});
