// A folder scanned as 1, 3 and 8 shards, each driven by JOB_COMPLETION_INDEX, then merged: the
// same report as one process writes, exit code included.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, makeTree } from '../../helpers.js';
import { readReport, scanBothWays, withoutRun } from './shard-helpers.js';

function makeLogs(): string {
  const lines = (n: number, text: (i: number) => string) => Array.from({ length: n }, (_, i) => text(i)).join('\n');
  const dir = makeTree({
    'logs/web/app.log': lines(400, (i) => `2026-11-01T10:00:${i % 60}Z INFO signup for user${i}@example.com`),
    'logs/web/app.log.1.gz': gzipSync(
      lines(50, (i) => `WARN retry for ann${i}@example.com phone +1 202-555-01${i % 90}`),
    ),
    'logs/pay/charges.log': lines(30, (i) => `{"msg":"charge","card":{"number":"4111111111111111"},"n":${i}}`),
    'logs/pay/empty.log': '',
    'logs/hr/people.csv': `name,email,ssn\n${lines(20, (i) => `P${i},p${i}@example.com,078-05-1120`)}\n`,
    'logs/bin/blob.bin': Buffer.from([0, 1, 2, 3, 0, 0, 255]),
    'logs/qa/smoke.log': lines(10, (i) => `INFO smoke qa-bot@example.com run ${i}`),
    'piiscan.yaml': [
      'services:',
      '  - service: payments',
      '    match: ["file://logs/pay/**"]',
      '    owner: { team: payments-core }',
      'allow:',
      '  - value: "qa-[a-z]+@example\\\\.com"',
      '    reason: smoke tests',
      '',
    ].join('\n'),
  });
  cpSync(path.join(ROOT, 'fixtures/logs'), path.join(dir, 'logs/fixtures'), { recursive: true });
  return dir;
}

describe('scan --shards, then merge', () => {
  const dir = makeLogs();
  for (const n of [1, 3, 8]) {
    it(`${n} shards merge into the single-process report`, async () => {
      const { single, merged, shards } = await scanBothWays(['logs', '--max-locations', '3'], { n, cwd: dir });
      expect(shards.map((s) => s.exitCode)).toEqual(shards.map(() => 0));
      expect(single.report.findings!.length).toBeGreaterThan(5);
      expect(merged).toEqual(single);
      const part = readReport(dir, `parts-${n}/part-0.json`);
      expect(part.shard).toMatchObject({ index: 0, count: n, units: 16 });
      expect(part.shard!.imbalance).toBeGreaterThanOrEqual(1);
    });
  }

  it('reads each unit in exactly one shard', async () => {
    const reads = [0, 1, 2].map((i) => readReport(dir, `parts-3/part-${i}.json`).shard!);
    expect(reads.map((s) => s.unitsRead).reduce((a, b) => a + b)).toBe(reads[0]!.units);
    expect(new Set(reads.map((s) => s.plan)).size).toBe(1);
  });

  it('takes the index from AWS_BATCH_JOB_ARRAY_INDEX, and refuses --shards with neither variable', async () => {
    const { run } = await import('../../../src/cli/main.js');
    const batch = await run(['scan', 'logs', '--shards', '2', '-f', 'json', '-o', 'batch.json', '-q'], {
      cwd: dir,
      env: { AWS_BATCH_JOB_ARRAY_INDEX: '1' },
    });
    expect(batch.exitCode).toBe(0);
    expect(readReport(dir, 'batch.json').shard).toMatchObject({ index: 1, count: 2 });
    const none = await run(['scan', 'logs', '--shards', '2'], { cwd: dir, env: {} });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/set JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX/);
    const high = await run(['scan', 'logs', '--shards', '2'], { cwd: dir, env: { JOB_COMPLETION_INDEX: '2' } });
    expect(high).toMatchObject({
      exitCode: 2,
      stderr: expect.stringMatching(/not below the number of shards/) as unknown,
    });
  });

  it('fails the merge, not the shards, on findings', async () => {
    writeFileSync(path.join(dir, 'one.log'), 'INFO mail to zed@example.com\n');
    const { single, merged, shards } = await scanBothWays(['one.log'], { n: 3, cwd: dir });
    expect(shards.map((s) => s.exitCode)).toEqual([0, 0, 0]);
    expect([single.exitCode, merged.exitCode]).toEqual([1, 1]);
  });

  it('says when one unit holds a shard back', async () => {
    const dir = makeTree({ 'logs/big.log': 'INFO a@example.com\n'.repeat(2000), 'logs/small.log': 'INFO\n' });
    const { run } = await import('../../../src/cli/main.js');
    const uneven = await run(['scan', 'logs', '--shard', '1/2', '-f', 'json', '-o', 'part.json'], {
      cwd: dir,
      env: {},
    });
    expect(uneven.stderr).toContain('Shard loads are uneven (imbalance 2): a unit larger than the rest');
    const even = await run(['scan', 'logs', '--shard', '0/1', '-f', 'json', '-o', 'part.json'], { cwd: dir, env: {} });
    expect(even.stderr).not.toContain('uneven');
  });

  it('keeps credentials out of a part and its merge', async () => {
    const dir = makeTree({ 'parts/.keep': '' });
    const { run } = await import('../../../src/cli/main.js');
    const target = 'postgres://reader:pw-s3cret-42@127.0.0.1:1/shop';
    const part = await run(['scan', target, '--shard', '0/1', '-f', 'json', '-o', 'parts/p.json'], {
      cwd: dir,
      env: {},
    });
    expect(part.exitCode).toBe(2);
    const merged = await run(['merge', 'parts', '-f', 'json'], { cwd: dir, env: {} });
    expect(merged.exitCode).toBe(2);
    expect(JSON.parse(merged.stdout)).toMatchObject({ errors: [{ source: 'postgres://***@127.0.0.1:1/shop' }] });
    expect(readFileSync(path.join(dir, 'parts/p.json'), 'utf8') + merged.stdout + merged.stderr).not.toContain(
      's3cret',
    );
  });
});

// A file larger than --split-size is read as byte ranges cut at line starts: every shard plans the
// same ranges, and the merge (line numbers, counts, coverage) equals one process reading it whole.
describe('scan --split-size: large files as byte ranges', () => {
  // Line 1501 is longer than three ranges: the range it starts in reads it whole, the next skip it.
  const line = (i: number) =>
    i === 1500
      ? `${'word '.repeat(5000)}mail ann@example.com`
      : i % 7 === 0
        ? `${'x'.repeat(i % 300)} ERROR card 4111111111111111 for user${i}@example.com\r`
        : `2026-11-01T10:00:00Z INFO login user${i}@example.com from +1 202-555-01${i % 90}`;
  const dir = makeTree({
    'logs/big.log': Array.from({ length: 3000 }, (_, i) => line(i)).join('\n'),
    'logs/big-nl.log': `${Array.from({ length: 900 }, (_, i) => line(i + 5)).join('\n')}\n\n\n`,
    'logs/big.log.gz': gzipSync(Array.from({ length: 900 }, (_, i) => line(i)).join('\n')),
    'logs/big.csv': `name,email\n${Array.from({ length: 900 }, (_, i) => `P${i},p${i}@example.com`).join('\n')}\n`,
    'logs/small.log': 'INFO mail to zed@example.com\n',
  });
  const args = ['logs', '--max-locations', '0', '--split-size', '7000'];

  it('plans the large plain files as ranges, the others whole', async () => {
    const { run } = await import('../../../src/cli/main.js');
    await run(['scan', ...args, '--shard', '0/1', '-f', 'json', '-o', 'plan.json', '-q'], { cwd: dir, env: {} });
    const part = readReport(dir, 'plan.json').shard!;
    // big.log alone is about 280 KB: dozens of ranges; the gzip and CSV files stay one unit each.
    expect(part.units).toBeGreaterThan(40);
    const whole = await run(['scan', 'logs', '--shard', '0/1', '-f', 'json', '-o', 'plan.json', '-q'], {
      cwd: dir,
      env: {},
    });
    expect(whole.exitCode).toBe(0);
    expect(readReport(dir, 'plan.json').shard!.units).toBe(5);
  }, 60_000);

  for (const n of [1, 3, 8]) {
    it(`${n} shards of ranges merge into the report of one process reading each file whole`, async () => {
      const { run } = await import('../../../src/cli/main.js');
      const whole = await run(['scan', 'logs', '--max-locations', '0', '-f', 'json', '-o', 'whole.json', '-q'], {
        cwd: dir,
        env: {},
      });
      const { single, merged } = await scanBothWays(args, { n, cwd: dir });
      expect(merged).toEqual(single);
      expect(single).toEqual({ exitCode: whole.exitCode, report: withoutRun(readReport(dir, 'whole.json')) });
      const lines = single.report.findings!.flatMap((f) => f.locations.map((l) => l.line ?? 0));
      expect(Math.max(...lines)).toBe(3000);
    }, 60_000);
  }
});
