// Parquet objects in S3 (s3rver: test/servers/s3.sh; .ci/run starts one): read through ranged GETs,
// columns as sites of the object group, nested fields under JSON paths, a broken object one line.
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReport, runCli } from '../../helpers.js';
import { writeUsersParquet } from './fixture.js';

const ENDPOINT = process.env['PIISCAN_TEST_S3_ENDPOINT'];
const BUCKET = 'parquet-lake';
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

describe.skipIf(!ENDPOINT && !process.env['CI'])('Parquet objects in S3', () => {
  const saved = Object.fromEntries(Object.keys(CREDENTIALS).map((k) => [k, process.env[k]]));

  beforeAll(async () => {
    expect(ENDPOINT, 'PIISCAN_TEST_S3_ENDPOINT must be set in CI').toBeDefined();
    Object.assign(process.env, CREDENTIALS);
    const client = new S3Client({
      endpoint: ENDPOINT!,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await client.send(new CreateBucketCommand({ Bucket: BUCKET })).catch(() => undefined);
    const objects: Record<string, Buffer> = {
      'users/dt=2026-11-01/part-00000.parquet': writeUsersParquet(300, 100),
      'users/dt=2026-11-02/part-00000.parquet': writeUsersParquet(30, 10),
      'broken/bad.parquet': Buffer.from('PAR1 not really parquet PAR1'),
    };
    for (const [Key, Body] of Object.entries(objects))
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
    client.destroy();
  }, 60_000);

  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('reads each column of a group of objects as one site, sampled by --sample-rows', async () => {
    const argv = ['scan', `s3://${BUCKET}/`, '--endpoint-url', ENDPOINT!, '--format', 'json', '--quiet'];
    const result = await runCli([...argv, '--sample-rows', '120', '--seed', '5']);
    const report = parseReport(result.stdout);
    expect(result.exitCode).toBe(2);
    expect(report.errors).toEqual([
      {
        source: `s3://${BUCKET}/broken/bad.parquet`,
        message: expect.stringMatching(/^not a readable Parquet file: /),
      },
    ]);
    const group = `s3://${BUCKET}/users/dt=*/part-*.parquet`;
    expect(report.findings.map((f) => [f.site.uri, f.site.jsonPath ?? '']).sort()).toEqual([
      [`${group}#aliases`, '$.aliases[*]'],
      [`${group}#contact`, '$.contact.phone'],
      [`${group}#email`, ''],
      [`${group}#orders`, '$.orders[*].card'],
    ]);
    const tables = report.coverage.tables.map((t) => [t.table, t.rowsEstimated, t.rowsScanned, t.sampled]);
    expect(tables).toEqual([
      [`s3://${BUCKET}/users/dt=2026-11-01/part-00000.parquet`, 300, 120, true],
      [`s3://${BUCKET}/users/dt=2026-11-02/part-00000.parquet`, 30, 30, false],
    ]);
    expect(report.coverage.objects[0]).toMatchObject({ objectsListed: 3, objectsScanned: 2, groups: 2 });
    expect(result.stdout).not.toContain('user7@example.com');
  });
});
