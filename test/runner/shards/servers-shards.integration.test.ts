// PostgreSQL, MariaDB and an S3 bucket (test/servers/*.sh) scanned as 1, 3 and 8 shards driven by
// JOB_COMPLETION_INDEX, then merged: the same report as one process, sampled tables included.
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { BlobServiceClient } from '@azure/storage-blob';
import path from 'node:path';
import { run } from '../../../src/cli/main.js';
import { databaseUrl, expectServer, freshDatabase, makeTree } from '../../helpers.js';
import { fillBucket, useS3rverEnv } from '../../s3-server.js';
import { asSingle, readReport, scanBothWays, withoutRun } from './shard-helpers.js';
import { writeUsersParquet } from '../../connectors/parquet/fixture.js';

const PG_URL = process.env['PIISCAN_TEST_PG_URL'];
const MYSQL_URL = process.env['PIISCAN_TEST_MYSQL_URL'];
const S3_ENDPOINT = process.env['PIISCAN_TEST_S3_ENDPOINT'];
const AZURITE_ENDPOINT = process.env['PIISCAN_TEST_AZURITE_ENDPOINT'];
/** Tables of several sizes, one larger than --sample-rows so that it is sampled by the seed. */
const TABLES = (serial: string) => [
  `CREATE TABLE customers (id ${serial} PRIMARY KEY, email text, phone varchar(40))`,
  `CREATE TABLE events (id ${serial} PRIMARY KEY, note text)`,
  `CREATE TABLE staff (id ${serial} PRIMARY KEY, email text)`,
  `CREATE TABLE empty_one (id ${serial} PRIMARY KEY, email text)`,
];
const ARGS = ['--sample-rows', '400', '--seed', '7', '--max-locations', '3'];
const cwd = makeTree({});

async function expectEqualMerges(target: string, extra: string[] = []): Promise<void> {
  for (const n of [1, 3, 8]) {
    const { single, merged, shards } = await scanBothWays([target, ...ARGS, ...extra], { n, cwd });
    expect(shards.map((s) => s.stderr)).toEqual(shards.map(() => ''));
    expect(single.report.findings!.length).toBeGreaterThan(1);
    expect(merged).toEqual(single);
  }
}

describe.skipIf(!PG_URL && !process.env['CI'])('PostgreSQL as shards', () => {
  const url = () => databaseUrl(PG_URL!, 'piiscan_shards');
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_PG_URL', 'postgres');
    await freshDatabase(PG_URL!, 'piiscan_shards', {
      setup: [
        ...TABLES('serial'),
        `INSERT INTO customers (email, phone) SELECT 'c' || i || '@example.com', '+1 202-555-01' || lpad((i % 100)::text, 2, '0') FROM generate_series(1, 3000) i`,
        `INSERT INTO events (note) SELECT 'call +44 20 7946 0958 about ' || i FROM generate_series(1, 300) i`,
        `INSERT INTO staff (email) SELECT 's' || i || '@example.org' FROM generate_series(1, 40) i`,
        // Settles the row estimates the plan sizes tables by: an autovacuum ANALYZE between the
        // single run and the shards would give them another plan, and merge would refuse the parts.
        'ANALYZE',
      ],
    });
  }, 60_000);

  it('merges 1, 3 and 8 shards into the single-process report', async () => {
    await expectEqualMerges(url());
    const sampled = readReport(cwd, 'merged-8.json').coverage.tables.filter((t) => t.sampled);
    expect(sampled.map((t) => t.table)).toEqual(['public.customers']);
  }, 120_000);
});

describe.skipIf(!MYSQL_URL && !process.env['CI'])('MariaDB as shards', () => {
  const url = () => databaseUrl(MYSQL_URL!, 'piiscan_shards');
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_MYSQL_URL', 'mariadb');
    await freshDatabase(MYSQL_URL!, 'piiscan_shards', {
      setup: [
        ...TABLES('int AUTO_INCREMENT'),
        `INSERT INTO customers (email, phone) SELECT CONCAT('c', seq, '@example.com'), CONCAT('+1 202-555-01', LPAD(seq % 100, 2, '0')) FROM seq_1_to_3000`,
        `INSERT INTO events (note) SELECT CONCAT('call +44 20 7946 0958 about ', seq) FROM seq_1_to_300`,
        `INSERT INTO staff (email) SELECT CONCAT('s', seq, '@example.org') FROM seq_1_to_40`,
      ],
    });
  }, 60_000);

  it('merges 1, 3 and 8 shards into the single-process report', () => expectEqualMerges(url()), 120_000);
});

describe.skipIf(!S3_ENDPOINT && !process.env['CI'])('S3 as shards', () => {
  useS3rverEnv();
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_S3_ENDPOINT', 's3');
    const body = (n: number, i: number) => `INFO order ${i} for buyer${i}@example.com\n`.repeat(n);
    const days = Array.from({ length: 24 }, (_, i) => [`orders/day-${i}.log`, body(1 + (i % 7) * 20, i)] as const);
    await fillBucket(S3_ENDPOINT!, 'piiscan-shards', {
      ...Object.fromEntries(days),
      'hr/people.csv': 'name,email\nA,a@example.org\n',
    });
  }, 60_000);

  it('merges 1, 3 and 8 shards into the single-process report, objects sampled alike', async () => {
    await expectEqualMerges('s3://piiscan-shards/', ['--endpoint-url', S3_ENDPOINT!, '--sample-objects', '10']);
    expect(readReport(cwd, 'merged-3.json').coverage.objects[0]).toMatchObject({ objectsScanned: 11, sampled: true });
  }, 120_000);
});

// Objects larger than --split-size read as byte ranges with ranged GETs: merged, they equal one
// process reading each object whole; what only an object's first bytes or content type tell
// (gzip under a .log key, CSV by content type) is read whole by its first range.
describe.skipIf(!S3_ENDPOINT && !process.env['CI'])('S3 objects split into ranges', () => {
  useS3rverEnv();
  const line = (i: number) =>
    i === 700 ? `${'word '.repeat(3000)}to ann@example.com` : `INFO order ${i} for buyer${i}@example.com\r`;
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_S3_ENDPOINT', 's3');
    const client = new S3Client({ endpoint: S3_ENDPOINT!, region: 'us-east-1', forcePathStyle: true });
    await client.send(new CreateBucketCommand({ Bucket: 'piiscan-split' })).catch(() => undefined);
    const text = Array.from({ length: 2000 }, (_, i) => line(i)).join('\n');
    const objects: Array<[string, string | Buffer, string?]> = [
      ['app/big.log', text],
      ['app/packed.log', gzipSync(text)],
      ['app/export.log', `name,email\n${'B,b@example.org\n'.repeat(2000)}`, 'text/csv'],
      ['app/small.log', 'INFO zed@example.com\n'],
    ];
    for (const [Key, Body, ContentType] of objects)
      await client.send(
        new PutObjectCommand({ Bucket: 'piiscan-split', Key, Body, ...(ContentType ? { ContentType } : {}) }),
      );
  }, 60_000);

  it('merges 1, 3 and 8 shards of ranges into the report of one process reading whole objects', async () => {
    const args = ['s3://piiscan-split/', '--endpoint-url', S3_ENDPOINT!, '--max-locations', '0', '--seed', '7'];
    await run(['scan', ...args, '-f', 'json', '-o', 'whole-s3.json', '-q'], { cwd, env: {} });
    const whole = withoutRun(readReport(cwd, 'whole-s3.json'));
    expect(whole.coverage!.objects[0]).toMatchObject({ objectsScanned: 4 });
    for (const n of [1, 3, 8]) {
      const { single, merged } = await scanBothWays([...args, '--split-size', '6000'], { n, cwd });
      expect(merged).toEqual(single);
      expect(single.report).toEqual(whole);
    }
    const part = readReport(cwd, 'parts-3/part-0.json').shard!;
    expect(part.units).toBeGreaterThan(20);
  }, 120_000);
});

// Azure blobs larger than --split-size read as byte ranges, as S3 objects are: merged, they equal
// one process reading each blob whole, line numbers included; gzip, CSV (by content type), Parquet
// and binary blobs are read whole.
describe.skipIf(!AZURITE_ENDPOINT && !process.env['CI'])('Azure blobs split into ranges', () => {
  /** Azurite's published development key: a well-known value, not a secret. */
  const key = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
  const connection = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${key};BlobEndpoint=${AZURITE_ENDPOINT};`;
  const saved = process.env['AZURE_STORAGE_CONNECTION_STRING'];
  const line = (i: number) =>
    i === 700 ? `${'word '.repeat(3000)}to ann@example.com` : `INFO order ${i} for buyer${i}@example.com\r`;
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_AZURITE_ENDPOINT', 'azurite');
    process.env['AZURE_STORAGE_CONNECTION_STRING'] = connection;
    const container = BlobServiceClient.fromConnectionString(connection).getContainerClient('split');
    await container.createIfNotExists();
    const text = Array.from({ length: 2000 }, (_, i) => line(i)).join('\n');
    const binary = Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from('x@example.com\n'.repeat(900))]);
    const blobs: Array<[string, string | Buffer, string?]> = [
      ['app/big.log', text],
      ['app/packed.log', gzipSync(text)],
      ['app/export.log', `name,email\n${'B,b@example.org\n'.repeat(2000)}`, 'text/csv'],
      ['app/blob.log', binary],
      ['users/part-0.parquet', writeUsersParquet(2000, 500)],
      ['app/small.log', 'INFO zed@example.com\n'],
    ];
    for (const [name, body, blobContentType] of blobs)
      await container
        .getBlockBlobClient(name)
        .uploadData(Buffer.from(body), blobContentType ? { blobHTTPHeaders: { blobContentType } } : {});
  }, 60_000);
  afterAll(() => {
    if (saved === undefined) delete process.env['AZURE_STORAGE_CONNECTION_STRING'];
    else process.env['AZURE_STORAGE_CONNECTION_STRING'] = saved;
  });

  it('merges 1 and 3 shards of ranges into the report of one process reading whole blobs', async () => {
    const args = ['az://devstoreaccount1/split', '--azure-endpoint', AZURITE_ENDPOINT!, '--seed', '7'];
    await run(['scan', ...args, '-f', 'json', '-o', 'whole-az.json', '-q'], { cwd, env: {} });
    const whole = withoutRun(readReport(cwd, 'whole-az.json'));
    expect(whole.coverage!.objects[0]).toMatchObject({ objectsScanned: 5, skipped: { binary: 1 } });
    // The long line 700 of big.log (line 701): the split reads find it at the same line.
    const big = whole.findings!.filter((f) => f.site.uri.endsWith('/app/big.log'));
    expect(big.flatMap((f) => f.locations.map((l) => l.line))).toContain(701);
    for (const n of [1, 3]) {
      const { single, merged } = await scanBothWays([...args, '--split-size', '6000'], { n, cwd });
      expect(merged).toEqual(single);
      expect(single.report).toEqual(whole);
    }
    const part = readReport(cwd, 'parts-3/part-0.json').shard!;
    expect(part.units).toBeGreaterThan(20);
  }, 120_000);
});

// A bucket listed from its S3 Inventory report (manifest.json and gzip CSV files in another
// bucket) instead of ListObjectsV2: only what the report lists is read, and 3 shards merge into
// the single-process report.
describe.skipIf(!S3_ENDPOINT && !process.env['CI'])('S3 Inventory as the listing', () => {
  useS3rverEnv();
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_S3_ENDPOINT', 's3');
    const client = new S3Client({ endpoint: S3_ENDPOINT!, region: 'us-east-1', forcePathStyle: true });
    const put = (Bucket: string, Key: string, Body: string | Buffer) =>
      client.send(new PutObjectCommand({ Bucket, Key, Body }));
    for (const bucket of ['piiscan-inv', 'piiscan-inv-reports'])
      await client.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => undefined);
    const keys = Array.from({ length: 12 }, (_, i) => `logs/day ${i}.log`);
    for (const [i, key] of keys.entries()) await put('piiscan-inv', key, `INFO buyer${i}@example.com\n`.repeat(i + 1));
    await put('piiscan-inv', 'logs/unlisted.log', 'INFO hidden@example.com\n');
    const row = (key: string, extra = 'true,false') =>
      `"piiscan-inv","${encodeURIComponent(key).replace(/%2F/g, '/')}","30","2026-11-01T00:00:00.000Z",${extra}`;
    const files = [
      [...keys.slice(0, 7).map((k) => row(k)), row('logs/gone.log', 'true,true')],
      [...keys.slice(7).map((k) => row(k)), `"other-bucket","logs/x.log","5","2026-11-01T00:00:00.000Z",true,false`],
    ];
    for (const [i, rows] of files.entries())
      await put('piiscan-inv-reports', `inv/data/${i}.csv.gz`, gzipSync(`${rows.join('\n')}\n`));
    const manifest = {
      sourceBucket: 'piiscan-inv',
      destinationBucket: 'arn:aws:s3:::piiscan-inv-reports',
      fileFormat: 'CSV',
      fileSchema: 'Bucket, Key, Size, LastModifiedDate, IsLatest, IsDeleteMarker',
      files: files.map((_, i) => ({ key: `inv/data/${i}.csv.gz`, size: 1, MD5checksum: '0' })),
    };
    await put('piiscan-inv-reports', 'inv/manifest.json', JSON.stringify(manifest));
    // The same listing as a Parquet inventory (snake-case columns, keys not URL-encoded, sizes as
    // int64), in two files, one of two row groups; and an ORC manifest, which is refused.
    const parquetRows = [
      ...keys.map((key) => ({ bucket: 'piiscan-inv', key, latest: true, deleted: false })),
      { bucket: 'piiscan-inv', key: 'logs/gone.log', latest: true, deleted: true },
      { bucket: 'piiscan-inv', key: 'logs/unlisted.log', latest: false, deleted: false },
      { bucket: 'other-bucket', key: 'logs/x.log', latest: true, deleted: false },
    ];
    const parquetFiles = [parquetRows.slice(0, 5), parquetRows.slice(5)].map((rows) =>
      Buffer.from(
        parquetWriteBuffer({
          columnData: [
            { name: 'bucket', data: rows.map((r) => r.bucket), type: 'STRING' },
            { name: 'key', data: rows.map((r) => r.key), type: 'STRING' },
            { name: 'size', data: rows.map(() => 30n), type: 'INT64' },
            { name: 'is_latest', data: rows.map((r) => r.latest), type: 'BOOLEAN' },
            { name: 'is_delete_marker', data: rows.map((r) => r.deleted), type: 'BOOLEAN' },
          ],
          rowGroupSize: 4,
        }),
      ),
    );
    for (const [i, body] of parquetFiles.entries())
      await put('piiscan-inv-reports', `inv-parquet/data/${i}.parquet`, body);
    const parquetManifest = {
      ...manifest,
      fileFormat: 'Parquet',
      fileSchema: 'message s3.inventory { required binary bucket (STRING); required binary key (STRING); }',
      files: parquetFiles.map((body, i) => ({ key: `inv-parquet/data/${i}.parquet`, size: body.length })),
    };
    await put('piiscan-inv-reports', 'inv-parquet/manifest.json', JSON.stringify(parquetManifest));
    await put('piiscan-inv-reports', 'inv-orc/manifest.json', JSON.stringify({ ...manifest, fileFormat: 'ORC' }));
  }, 60_000);

  it('reads the objects the inventory lists, 3 shards merged equal to one process', async () => {
    const args = ['s3://piiscan-inv/logs/', '--endpoint-url', S3_ENDPOINT!, '--seed', '7', '--max-locations', '0'];
    const inventory = ['--inventory', 's3://piiscan-inv-reports/inv/manifest.json'];
    const { single, merged } = await scanBothWays([...args, ...inventory], { n: 3, cwd });
    expect(merged).toEqual(single);
    expect(single.report.coverage!.objects[0]).toMatchObject({ objectsListed: 12, objectsScanned: 12 });
    const sites = single.report.findings!.flatMap((f) => f.locations.map((l) => l.path)).join(' ');
    expect(sites).toContain('s3://piiscan-inv/logs/day 3.log');
    expect(sites).not.toContain('unlisted');
    // The parts uploaded to a bucket (as deploy/ recipes do) merge from there into the same report.
    const client = new S3Client({ endpoint: S3_ENDPOINT!, region: 'us-east-1', forcePathStyle: true });
    for (let i = 0; i < 3; i++)
      await client.send(
        new PutObjectCommand({
          Bucket: 'piiscan-inv-reports',
          Key: `parts/run-1/part-${i}.json`,
          Body: readFileSync(path.join(cwd, `parts-3/part-${i}.json`)),
        }),
      );
    const fromS3 = ['merge', 's3://piiscan-inv-reports/parts/run-1/', '--endpoint-url', S3_ENDPOINT!];
    await run([...fromS3, '-f', 'json', '-o', 'merged-s3.json', '-q'], { cwd, env: {} });
    expect(asSingle(withoutRun(readReport(cwd, 'merged-s3.json')))).toEqual(single.report);
    const none = await run(['merge', 's3://piiscan-inv-reports/nothing/', '--endpoint-url', S3_ENDPOINT!], {
      cwd,
      env: {},
    });
    expect(none).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('no part (.json object) under it') as unknown,
    });
    const bad = await run(['scan', ...args, '--inventory', 's3://piiscan-inv/logs/day 1.log', '-q'], { cwd, env: {} });
    expect(bad.exitCode).toBe(2);
    expect(bad.stdout + bad.stderr).toContain('manifest is not JSON');
  }, 120_000);

  it('reads a Parquet inventory as the CSV one, 3 shards merged equal to one process; refuses ORC', async () => {
    const args = ['s3://piiscan-inv/logs/', '--endpoint-url', S3_ENDPOINT!, '--seed', '7', '--max-locations', '0'];
    const csv = ['--inventory', 's3://piiscan-inv-reports/inv/manifest.json'];
    await run(['scan', ...args, ...csv, '-f', 'json', '-o', 'inv-csv.json', '-q'], { cwd, env: {} });
    const parquet = ['--inventory', 's3://piiscan-inv-reports/inv-parquet/manifest.json'];
    const { single, merged } = await scanBothWays([...args, ...parquet], { n: 3, cwd });
    expect(merged).toEqual(single);
    expect(single.report.coverage!.objects[0]).toMatchObject({ objectsListed: 12, objectsScanned: 12 });
    // The objects the CSV inventory lists, read alike: the same report.
    expect(JSON.stringify(single.report)).toBe(JSON.stringify(withoutRun(readReport(cwd, 'inv-csv.json'))));
    const orc = ['--inventory', 's3://piiscan-inv-reports/inv-orc/manifest.json'];
    const refused = await run(['scan', ...args, ...orc, '-q'], { cwd, env: {} });
    expect(refused.exitCode).toBe(2);
    expect(refused.stdout + refused.stderr).toContain('ORC inventories are not read');
  }, 120_000);
});
