// The S3 connector against a real S3-protocol server (s3rver: test/servers/s3.sh; .ci/run starts one).
// A bucket of realistic exports: gzipped CSV partitions, gzipped JSON lines, plain logs, a binary,
// an oversized dump, a truncated gzip; a second bucket with more objects than one listing page.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createObjectFilter, type S3Options } from '../../../src/connectors/s3/plan.js';
import { scanTargets } from '../../../src/runner/run.js';
import type { SourceSettings } from '../../../src/connectors/registry.js';
import { describeS3Error } from '../../../src/connectors/s3/client.js';
import { toObjectGroup } from '../../../src/connectors/object-group.js';
import { expectServer, makeTree, parseReport, runCli, withEnv } from '../../helpers.js';
import { DEFAULT_SETTINGS } from '../../scan-inputs.js';

const ENDPOINT = process.env['PIISCAN_TEST_S3_ENDPOINT'];
const BUCKET = 'acme-exports';
const MANY = 'acme-many';
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

/** Raw values uploaded below that must never appear in any output. */
const RAW = [
  'customer7@example.com',
  'dana.lee@example.com',
  '+44 20 7946 0958',
  'ops.alerts@example.com',
  '536-22-1234',
];

function csvExport(day: number): string {
  const rows = Array.from({ length: 40 }, (_, i) => {
    const n = day * 100 + i;
    const notes = i % 8 === 0 ? '"called back on +44 20 7946 0958, all good"' : 'delivered';
    return `${n},customer${i}@example.com,${'5d41402abc4b2a76b9719d911017c592'},${notes},${(n * 7) % 1000}.50`;
  });
  return `order_id,customer_email,email_md5,notes,amount\n${rows.join('\n')}\n`;
}

function jsonLines(day: number): string {
  return (
    Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({
        ts: `2026-11-0${day}T10:00:${String(i).padStart(2, '0')}Z`,
        event: 'signup',
        user: { id: i, email: i % 3 === 0 ? 'dana.lee@example.com' : 'j***@example.com' },
      }),
    ).join('\n') + '\n'
  );
}

const APP_LOG =
  [
    'INFO 2026-11-01 order 17 shipped',
    'WARN 2026-11-01 password reset requested by ops.alerts@example.com',
    'INFO 2026-11-01 done',
  ].join('\n') + '\n';

const OBJECTS: Record<string, string | Buffer> = {
  'orders/dt=2026-11-01/part-00000.csv.gz': gzipSync(csvExport(1)),
  'orders/dt=2026-11-02/part-00000.csv.gz': gzipSync(csvExport(2)),
  'orders/dt=2026-11-03/part-00001.csv.gz': gzipSync(csvExport(3)),
  'events/2026/11/01/signups-0001.jsonl.gz': gzipSync(jsonLines(1)),
  'events/2026/11/02/signups-0002.jsonl.gz': gzipSync(jsonLines(2)),
  'app/logs/app-2026-11-01.log': APP_LOG,
  'app/logs/app-2026-11-02.log': APP_LOG,
  'media/avatar-0001.png': Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    Buffer.from('IHDR customer7@example.com'),
  ]),
  'dumps/full-dump.log': 'user ssn 536-22-1234 on file\n'.repeat(4000),
  'readme.txt': 'Exports for the data lake. Contact: nobody.\n',
  // A pretty-printed JSON document (parsed whole: JSON paths are sites), and JSON lines named .json.
  'crm/customers-2026-11-01.json': JSON.stringify(
    {
      exportedAt: '2026-11-01',
      customers: Array.from({ length: 10 }, (_, i) => ({
        id: i,
        email: `customer${i}@example.com`,
        ...(i % 2 ? { phone: '+44 20 7946 0958' } : {}),
      })),
    },
    null,
    2,
  ),
  'crm/contacts-2026-11-02.json': ['a', 'b', 'c']
    .map((n) => JSON.stringify({ name: n, email: 'dana.lee@example.com' }))
    .join('\n'),
};

let client: S3Client;

async function put(bucket: string, key: string, body: string | Buffer): Promise<void> {
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

async function scan(target: string, ...args: string[]) {
  const result = await runCli(['scan', target, '--endpoint-url', ENDPOINT!, '--format', 'json', '--quiet', ...args]);
  return { ...result, report: parseReport(result.stdout) };
}

describe('object groups', () => {
  it.each([
    ['orders/dt=2026-11-01/part-00003.csv.gz', 'orders/dt=*/part-*.csv.gz'],
    ['logs/2026/11/01/app-7f3a9c1e2b4d.log', 'logs/*/*/*/app-*.log'],
    ['users/3f2a8c1e-1111-2222-3333-444455556666/export_20261101.jsonl', 'users/*/export_*.jsonl'],
    ['exports/users-2026-11-01T10:00:00Z.csv', 'exports/users-*.csv'],
    ['part-00000-3f2a8c1e-1111-2222-3333-444455556666-c000.snappy.parquet', 'part-*-c000.snappy.parquet'],
    ['v2/mp4/video.mp4', 'v2/mp4/video.mp4'],
    ['billing/invoices.csv', 'billing/invoices.csv'],
  ])('%s → %s', (key, group) => {
    expect(toObjectGroup(key)).toBe(group);
  });
});

describe('which listed objects are read', () => {
  const filter = createObjectFilter('b', {
    include: [],
    exclude: ['tmp/**'],
    excludeUris: ['s3://b/old/**'],
    maxObjectBytes: 1000,
  });
  it.each([
    [{ key: 'a/b.log', size: 10, storageClass: 'STANDARD' }, undefined],
    [{ key: 'a/b.log', size: 10, storageClass: 'GLACIER_IR' }, undefined],
    [{ key: 'a/b.log', size: 10, storageClass: 'GLACIER' }, 'archived (GLACIER): restore to scan'],
    [{ key: 'a/b.log', size: 10, storageClass: 'DEEP_ARCHIVE' }, 'archived (DEEP_ARCHIVE): restore to scan'],
    [{ key: 'a/b.log', size: 1001, storageClass: 'STANDARD' }, 'over the 1000 B size cap'],
    [{ key: 'tmp/x.log', size: 1, storageClass: 'STANDARD' }, 'excluded'],
    [{ key: 'old/x.log', size: 1, storageClass: 'STANDARD' }, 'excluded'],
  ])('%o: %s', (object, reason) => {
    expect(filter(object)).toBe(reason);
  });
});

describe('S3 error messages', () => {
  // s3rver has no object ACLs and never throttles; these are the SDK's error shapes for them.
  it.each([
    [
      { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } },
      'access denied to s3://b/k: the credentials lack s3:ListBucket or s3:GetObject',
    ],
    [
      { name: 'SlowDown', $metadata: { httpStatusCode: 503 } },
      'S3 kept throttling requests for s3://b/k after retries with backoff: try a lower --concurrency',
    ],
    [
      { name: 'ExpiredToken', $metadata: { httpStatusCode: 400 } },
      expect.stringMatching(/^the AWS credentials have expired: refresh them \(set AWS_ACCESS_KEY_ID/),
    ],
  ])('%o', (error, message) => {
    expect(describeS3Error(error, 's3://b/k')).toEqual(message);
  });
});

describe.skipIf(!ENDPOINT && !process.env['CI'])('S3 connector', () => {
  let restoreEnv: () => void = () => undefined;

  beforeAll(async () => {
    expectServer('PIISCAN_TEST_S3_ENDPOINT', 's3');
    restoreEnv = withEnv({ ...CREDENTIALS, AWS_PROFILE: undefined, AWS_REGION: undefined });
    client = new S3Client({
      endpoint: ENDPOINT!,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    for (const bucket of [BUCKET, MANY])
      await client.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => undefined);
    for (const [key, body] of Object.entries(OBJECTS)) await put(BUCKET, key, body);
    // More objects than one listing page (1,000), in one group.
    const keys = Array.from({ length: 1005 }, (_, i) => `daily/heartbeat-${String(i).padStart(5, '0')}.log`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(
        keys
          .slice(i, i + 50)
          .map((key, j) => put(MANY, key, (i + j) % 2 === 0 ? 'ok\n' : 'ping from ops.alerts@example.com\n')),
      );
    }
  }, 120_000);

  afterAll(() => {
    restoreEnv();
    client?.destroy();
  });

  it('finds leak sites per object group, CSV column and JSON path, with forms, services and coverage', async () => {
    const { exitCode, report, stdout } = await scan(`s3://${BUCKET}`, '--max-object-size', '64KB');
    expect(exitCode).toBe(1);
    expect(report.errors).toEqual([]);
    const sites = report.findings
      .map(
        (f) => `${f.service} ${f.site.kind} ${f.site.uri}${f.site.jsonPath ?? ''} ${f.detector} ${f.form} ${f.count}`,
      )
      .sort();
    expect(sites).toEqual([
      'app object s3://acme-exports/app/logs/app-*.log email plaintext 2',
      'crm object s3://acme-exports/crm/contacts-*.json$.email email plaintext 3',
      'crm object s3://acme-exports/crm/customers-*.json$.customers[*].email email plaintext 10',
      'crm object s3://acme-exports/crm/customers-*.json$.customers[*].phone phone plaintext 5',
      'events object s3://acme-exports/events/*/*/*/signups-*.jsonl.gz$.user.email email masked 40',
      'events object s3://acme-exports/events/*/*/*/signups-*.jsonl.gz$.user.email email plaintext 20',
      'orders object s3://acme-exports/orders/dt=*/part-*.csv.gz#customer_email email plaintext 120',
      'orders object s3://acme-exports/orders/dt=*/part-*.csv.gz#email_md5 email hashed 120',
      'orders object s3://acme-exports/orders/dt=*/part-*.csv.gz#notes phone plaintext 15',
    ]);
    expect(report.findings.every((f) => f.serviceSource === 'prefix')).toBe(true);
    const log = report.findings.find((f) => f.site.uri.endsWith('app-*.log'))!;
    expect(log.site.template).toBe('WARN <num>-<num>-<num> password reset requested by <email>');
    expect(log.locations[0]).toMatchObject({ path: 's3://acme-exports/app/logs/app-2026-11-01.log', line: 2 });
    const document = report.findings.find((f) => f.site.jsonPath === '$.customers[*].email')!;
    expect(document.locations[0]).toMatchObject({
      path: 's3://acme-exports/crm/customers-2026-11-01.json',
      line: 6,
      jsonPath: '$.customers[*].email',
    });
    const csv = report.findings.find((f) => f.site.uri.endsWith('#customer_email'))!;
    expect(csv.locations[0]).toMatchObject({
      path: 's3://acme-exports/orders/dt=2026-11-01/part-00000.csv.gz#customer_email',
      line: 2,
    });
    expect(report.coverage.objects).toEqual([
      expect.objectContaining({
        source: `s3://${BUCKET}`,
        objectsListed: 12,
        objectsScanned: 10,
        groups: 7,
        sampled: false,
        sampleObjects: 0,
        skipped: { binary: 1, 'over the 64.0 KB size cap': 1 },
      }),
    ]);
    expect(report.coverage.bytes).toBe(report.coverage.objects[0]!.bytes);
    for (const raw of RAW) expect(stdout).not.toContain(raw);
    // Objects finish in any order, on this thread or on worker threads; the report is the same
    // whatever the concurrency and the threads.
    for (const [concurrency, jobs] of [
      ['1', '1'],
      ['5', '1'],
      ['2', '2'],
      ['5', '3'],
    ]) {
      const again = await scan(
        `s3://${BUCKET}`,
        '--max-object-size',
        '64KB',
        '--concurrency',
        concurrency!,
        '--jobs',
        jobs!,
      );
      expect(again.report.findings).toEqual(report.findings);
      expect({ ...again.report.coverage, objects: [{ ...again.report.coverage.objects[0], seed: 0 }] }).toEqual({
        ...report.coverage,
        objects: [{ ...report.coverage.objects[0], seed: 0 }],
      });
      expect(again.report.errors).toEqual([]);
    }
    // Six scans, each loading the AWS SDK: seconds on a loaded machine.
  }, 60_000);

  it('accepts its findings into a baseline, after which the same scan has nothing new', async () => {
    const dir = makeTree();
    const written = await runCli(
      [
        'baseline',
        `s3://${BUCKET}`,
        '--endpoint-url',
        ENDPOINT!,
        '--max-object-size',
        '64KB',
        '--quiet',
        '--output',
        'baseline.json',
      ],
      dir,
    );
    expect(written.exitCode).toBe(0);
    const again = await runCli(
      [
        'scan',
        `s3://${BUCKET}`,
        '--endpoint-url',
        ENDPOINT!,
        '--max-object-size',
        '64KB',
        '--format',
        'json',
        '--quiet',
        '--baseline',
        'baseline.json',
      ],
      dir,
    );
    expect({ exitCode: again.exitCode, stderr: again.stderr }).toEqual({ exitCode: 0, stderr: '' });
    const report = parseReport(again.stdout);
    // A baseline holds the plaintext findings; every one of them, all object sites, is known now.
    const plaintext = report.findings.filter((f) => f.form === 'plaintext');
    expect(plaintext.length).toBeGreaterThan(0);
    expect(plaintext.every((f) => f.site.kind === 'object' && f.new === false)).toBe(true);
    expect(report.summary.failing).toBe(0);
    // explain names where an object's service came from.
    writeFileSync(path.join(dir, 'report.json'), again.stdout);
    const explained = await runCli(['explain', plaintext[0]!.fingerprint, '--report', 'report.json'], dir);
    expect(explained.stdout).toContain(
      `Service:   ${plaintext[0]!.service}, from the first key segment under the bucket (the bucket for keys at its top)`,
    );
  });

  it('takes include/exclude globs over keys and ownership rules over s3:// URIs', async () => {
    const dir = makeTree({
      'piiscan.yaml': 'services:\n  - service: lake-ingest\n    match: "s3://acme-exports/orders/**"\n',
    });
    const result = await runCli(
      [
        'scan',
        `s3://${BUCKET}/orders/`,
        '--endpoint-url',
        ENDPOINT!,
        '-f',
        'json',
        '--quiet',
        '--exclude',
        '**/dt=2026-11-03/**',
      ],
      dir,
    );
    const report = parseReport(result.stdout);
    expect(new Set(report.findings.map((f) => `${f.service} ${f.serviceSource}`))).toEqual(
      new Set(['lake-ingest services[0]']),
    );
    expect(report.coverage.objects[0]).toMatchObject({ objectsListed: 3, objectsScanned: 2, skipped: { excluded: 1 } });
    expect(report.findings.find((f) => f.site.uri.endsWith('#customer_email'))!.count).toBe(80);
  });

  it('pages through listings and samples each group repeatably', async () => {
    const all = await scan(`s3://${MANY}`);
    expect(all.report.coverage.objects[0]).toMatchObject({
      objectsListed: 1005,
      objectsScanned: 1005,
      groups: 1,
      sampled: false,
    });
    expect(all.report.findings.map((f) => f.count)).toEqual([502]);
    const a = await scan(`s3://${MANY}`, '--sample-objects', '20', '--seed', '9');
    expect(a.report.coverage.objects[0]).toMatchObject({
      objectsListed: 1005,
      objectsScanned: 20,
      groups: 1,
      sampled: true,
      sampleObjects: 20,
      seed: 9,
    });
    const b = await scan(`s3://${MANY}`, '--sample-objects', '20', '--seed', '9');
    expect(b.report.findings).toEqual(a.report.findings);
    expect(a.report.findings[0]!.count).toBeGreaterThan(0);
    expect(a.report.findings[0]!.count).toBeLessThan(20);
  }, 60_000);

  it('names a truncated gzip object and keeps the lines before the cut', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({ i, email: `user${i}@example.com`, pad: 'x'.repeat(40) }),
    ).join('\n');
    const gz = gzipSync(lines);
    await put(BUCKET, 'broken/dump-0001.jsonl.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    try {
      const { exitCode, report } = await scan(`s3://${BUCKET}/broken/`);
      expect(exitCode).toBe(2);
      expect(report.errors).toEqual([
        {
          source: 's3://acme-exports/broken/dump-0001.jsonl.gz',
          message: expect.stringMatching(
            /^s3:\/\/acme-exports\/broken\/dump-0001\.jsonl\.gz: corrupt or truncated gzip data/,
          ),
        },
      ]);
      const found = report.findings.find((f) => f.detector === 'email')!;
      expect(found.count).toBeGreaterThan(100);
      expect(found.count).toBeLessThan(3000);
      // Read on a worker thread, the object fails the same way and keeps the same lines.
      const threaded = await scan(`s3://${BUCKET}/broken/`, '--jobs', '2');
      expect(threaded.exitCode).toBe(2);
      expect(threaded.report.errors).toEqual(report.errors);
      expect(threaded.report.findings).toEqual(report.findings);
    } finally {
      await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'broken/dump-0001.jsonl.gz' }));
    }
  });

  it('names an object deleted between listing and reading, and scans the rest', async () => {
    await put(BUCKET, 'gone/a-0001.log', 'mail to dana.lee@example.com\n');
    await put(BUCKET, 'gone/a-0002.log', 'mail to dana.lee@example.com\n');
    const options: S3Options = {
      endpoint: ENDPOINT!,
      concurrency: 1,
      include: [],
      exclude: [],
      maxObjectBytes: 1 << 20,
      sampleObjects: 0,
      seed: 1,
    };
    const s3: S3Options = {
      ...options,
      // Deleted after the listing saw it, just before it is read.
      onObject: async (key) => {
        if (key === 'gone/a-0002.log') await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
      },
    };
    const result = await scanTargets([`s3://${BUCKET}/gone/`], DEFAULT_SETTINGS, {
      sources: { s3 } as SourceSettings,
      jobs: 1,
    });
    expect(result.errors).toEqual([
      {
        source: 's3://acme-exports/gone/a-0002.log',
        message: 's3://acme-exports/gone/a-0002.log no longer exists (deleted after it was listed)',
      },
    ]);
    expect(result.coverage.objects[0]).toMatchObject({ objectsListed: 2, objectsScanned: 1 });
    expect(result.findings.map((f) => f.count)).toEqual([1]);
    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'gone/a-0001.log' }));
  });

  it('names a missing bucket, rejected and missing credentials in one line each, and goes on', async () => {
    const missing = await scan('s3://no-such-bucket-here', `s3://${BUCKET}/app/`);
    expect(missing.exitCode).toBe(2);
    expect(missing.report.errors).toEqual([
      { source: 's3://no-such-bucket-here', message: 'no such bucket: s3://no-such-bucket-here' },
    ]);
    expect(missing.report.findings.length).toBe(1); // the other target was still scanned

    const restore = withEnv({ AWS_ACCESS_KEY_ID: 'WRONGKEY', AWS_SECRET_ACCESS_KEY: 'wrong-secret-value' });
    try {
      const rejected = await scan(`s3://${BUCKET}`);
      expect(rejected.exitCode).toBe(2);
      expect(rejected.report.errors[0]!.message).toMatch(
        /^access denied: the access key is not known to http:\/\/127\.0\.0\.1:\d+ \(set AWS_ACCESS_KEY_ID/,
      );
      expect(rejected.stdout + rejected.stderr).not.toContain('wrong-secret-value');
    } finally {
      restore();
    }

    const none = withEnv({
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
      AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
    });
    try {
      const result = await scan(`s3://${BUCKET}`);
      expect(result.exitCode).toBe(2);
      expect(result.report.errors).toEqual([
        {
          source: `s3://${BUCKET}`,
          message:
            'no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile, or run `aws sso login`',
        },
      ]);
    } finally {
      none();
    }
  }, 60_000);
});
