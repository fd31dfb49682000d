// Bad input: each case is one clear line in the report, the rest of the scan goes on, nothing crashes.
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileRecords, type ReadStats } from '../../../src/connectors/file-reader.js';
import { makeTree, parseReport, runCli, runCliUnprivileged } from '../../helpers.js';
import { fileOrigin } from '../../scan-inputs.js';

const LEAK = '2026-11-01T10:00:00Z INFO signup for ann@example.com\n';

async function scanJson(dir: string, targets: string[] = ['.']) {
  const result = await runCli(['scan', ...targets, '--format', 'json'], dir);
  return { ...result, report: parseReport(result.stdout) };
}

describe('bad input', () => {
  it('names a missing target, scans the others and exits 2', async () => {
    const dir = makeTree({ 'ok/app.log': LEAK });
    const { exitCode, report } = await scanJson(dir, ['missing', 'ok']);
    expect(exitCode).toBe(2);
    expect(report.errors).toEqual([{ source: 'missing', message: 'no such file or folder' }]);
    expect(report.summary.plaintextFindings).toBe(1);
  });

  it('reports a corrupt gzip and goes on', async () => {
    const dir = makeTree({
      'a/bad.log.gz': Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
      'a/good.log': LEAK,
    });
    const { exitCode, report } = await scanJson(dir);
    expect(exitCode).toBe(2);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.source).toBe('a/bad.log.gz');
    expect(report.errors[0]!.message).toMatch(/^corrupt gzip data/);
    expect(report.summary.plaintextFindings).toBe(1);
  });

  it('keeps what a truncated gzip held before the cut', async () => {
    const full = gzipSync(LEAK + 'x'.repeat(200_000) + '\n' + LEAK);
    const dir = makeTree({ 'a/cut.log.gz': full.subarray(0, full.length - 40) });
    const { exitCode, report } = await scanJson(dir);
    expect(exitCode).toBe(2);
    expect(report.errors).toEqual([
      { source: 'a/cut.log.gz', message: 'truncated gzip data (unexpected end of file)' },
    ]);
    expect(report.findings[0]!.locations[0]!.line).toBe(1);
  });

  it('scans a 100 MB line without a newline in pieces', { timeout: 60_000 }, async () => {
    const dir = makeTree();
    mkdirSync(path.join(dir, 'a'));
    const huge = Buffer.alloc(100 * 1024 * 1024, 'a');
    huge.write(' ann@example.com ', 10);
    writeFileSync(path.join(dir, 'a/huge.log'), Buffer.concat([huge, Buffer.from('\n' + LEAK)]));
    const { exitCode, report } = await scanJson(dir);
    expect(exitCode).toBe(1);
    expect(report.coverage).toMatchObject({ files: 1, lines: 2, longLines: 1 });
    expect(report.findings.flatMap((f) => f.locations.map((l) => l.line)).sort()).toEqual([1, 2]);
  });

  it('keeps every record within the chunk and line limits', async () => {
    const dir = makeTree({ 'long.log': 'b'.repeat(100_000) + '\n' + LEAK.repeat(50) });
    const stats: ReadStats = { bytes: 0, lines: 0, longLines: 0, binary: false };
    const origin = fileOrigin(dir, 'long.log');
    let largest = 0;
    for await (const record of readFileRecords(origin, stats, { chunkBytes: 1024, maxLineBytes: 4096 }))
      largest = Math.max(largest, record.data.length);
    expect(largest).toBeLessThanOrEqual(4096 + 1024);
    expect(stats).toMatchObject({ lines: 51, longLines: 1 });
  });

  it('reads invalid UTF-8 and CRLF line ends', async () => {
    const dir = makeTree({
      'a/mixed.log': Buffer.concat([
        Buffer.from('bad \xff\xfe bytes\r\n', 'latin1'),
        Buffer.from(LEAK.replace('\n', '\r\n')),
      ]),
    });
    const { exitCode, report } = await scanJson(dir);
    expect(exitCode).toBe(1);
    expect(report.findings[0]).toMatchObject({
      locations: [{ line: 2, column: 38 }],
      site: { template: '<ts> INFO signup for <email>' },
    });
  });

  it('lists a symlink loop, an empty folder and a binary file as skipped', async () => {
    const dir = makeTree({ 'a/app.log': LEAK, 'assets/img.bin': Buffer.from([0x89, 0x50, 0, 0, 1]) });
    mkdirSync(path.join(dir, 'empty'));
    symlinkSync(path.join(dir, 'a'), path.join(dir, 'a/loop'));
    const { exitCode, report } = await scanJson(dir);
    expect(exitCode).toBe(1);
    expect(report.coverage.skipped).toEqual([
      { path: 'a/loop', reason: 'symlink loop: folder already scanned' },
      { path: 'empty', reason: 'empty folder' },
      { path: 'assets/img.bin', reason: 'binary' },
    ]);
    expect(report.summary.plaintextFindings).toBe(1);
  });

  it('reports an unreadable file and scans the rest', { timeout: 30_000 }, async () => {
    const dir = makeTree({ 'a/secret.log': LEAK, 'a/open.log': LEAK });
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'a/secret.log'), 0o000);
    const result = await runCliUnprivileged(['scan', '.', '--format', 'json'], dir);
    const report = parseReport(result.stdout);
    expect(result.exitCode).toBe(2);
    expect(report.errors).toEqual([{ source: 'a/secret.log', message: 'permission denied' }]);
    expect(report.summary.plaintextFindings).toBe(1);
  });
});
