// Parquet files in a folder: columns as sites (their names as context), nested and repeated fields
// under JSON paths, --sample-rows drawing row groups by the seed, and a broken file as one line.
import { describe, expect, it } from 'vitest';
import { makeTree, parseReport, runCli } from '../../helpers.js';
import { writeUsersParquet } from './fixture.js';

async function scan(dir: string, extra: string[] = []) {
  const result = await runCli(['scan', '.', '--format', 'json', '--show-values', ...extra], dir);
  return { ...result, report: parseReport(result.stdout) };
}

describe('Parquet files', () => {
  it('reads each column as a site, nested fields under their JSON paths', async () => {
    const dir = makeTree({ 'lake/users/part-0001.parquet': writeUsersParquet(40, 16) });
    const { exitCode, report } = await scan(dir);
    expect(exitCode).toBe(1);
    const sites = report.findings.map((f) => [f.detector, f.site.uri, f.site.jsonPath ?? '']).sort();
    expect(sites).toEqual([
      ['credit_card', 'file://lake/users/part.parquet*#orders', '$.orders[*].card'],
      ['email', 'file://lake/users/part.parquet*#aliases', '$.aliases[*]'],
      ['email', 'file://lake/users/part.parquet*#email', ''],
      ['phone', 'file://lake/users/part.parquet*#contact', '$.contact.phone'],
    ]);
    const email = report.findings.find((f) => f.site.uri.endsWith('#email'))!;
    expect(email.locations[0]).toMatchObject({ path: 'lake/users/part-0001.parquet#email', line: 1 });
    expect(email.rowsScanned).toBe(40);
    expect(report.coverage.tables).toEqual([
      expect.objectContaining({
        table: 'lake/users/part-0001.parquet',
        rowsEstimated: 40,
        rowsScanned: 40,
        sampled: false,
        skippedColumns: 2,
      }),
    ]);
  });

  it('samples row groups by the seed with --sample-rows', async () => {
    const dir = makeTree({ 'users.parquet': writeUsersParquet(1000, 100) });
    const first = await scan(dir, ['--sample-rows', '250', '--seed', '7']);
    const again = await scan(dir, ['--sample-rows', '250', '--seed', '7']);
    const table = first.report.coverage.tables[0]!;
    expect(table).toMatchObject({ rowsEstimated: 1000, rowsScanned: 250, sampled: true, seed: 7 });
    expect(first.stderr).toContain('--seed 7');
    const lines = (r: typeof first) => r.report.findings.flatMap((f) => f.locations.map((l) => l.line)).sort();
    expect(lines(again)).toEqual(lines(first));
    const whole = await scan(dir, ['--full']);
    expect(whole.report.coverage.tables[0]).toMatchObject({ rowsScanned: 1000, sampled: false });
  });

  it('names a file that is not Parquet in one line and scans the rest', async () => {
    const dir = makeTree({
      'a/broken.parquet': 'PAR1 this is not parquet at all',
      'a/users.parquet': writeUsersParquet(4),
    });
    const { exitCode, report } = await scan(dir);
    expect(exitCode).toBe(2);
    expect(report.errors).toEqual([
      { source: 'a/broken.parquet', message: expect.stringMatching(/^not a readable Parquet file: /) },
    ]);
    expect(report.summary.plaintextFindings).toBeGreaterThan(0);
  });
});
