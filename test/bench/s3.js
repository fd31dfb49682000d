// `npm run bench:s3`: uploads a few hundred MB of mixed objects (plain logs, gzipped JSON lines,
// gzipped CSV exports; BENCH_S3_MB, default 300, uncompressed) to the test S3 server, then streams
// every object with the AWS SDK and nothing else, and scans the same bucket with piiscan, taking
// turns (BENCH_RUNS each, default 3). Prints the median seconds and the range, MB/s, the ratio of
// the medians and peak RSS. Uses PIISCAN_TEST_S3_ENDPOINT, or starts a throwaway s3rver
// (test/servers/s3.sh).
import { gzipSync } from 'node:zlib';
import { useServer } from './server.js';
import { inTurns, printBaselineRatios, RUNS, showSeconds, withBaseline } from './measure.js';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createLineMaker } from './corpus.js';
import { createRandom } from '../../dist/src/connectors/seeded-random.js';

const totalBytes = Number(process.env.BENCH_S3_MB ?? 300) * 1e6;
const OBJECT_BYTES = 8e6;
const BUCKET = 'piiscan-bench';
const CONCURRENCY = 2;

const server = useServer('s3.sh', 'PIISCAN_TEST_S3_ENDPOINT', 'PIISCAN_TEST_S3_DIR');
const endpoint = server.address;
const credentials = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };

/** User-like CSV rows (the same columns as the database benchmark) of about `bytes`. */
function csvObject(seed, bytes) {
  const rnd = createRandom(seed);
  const rows = ['id,email,phone,full_name,address,notes,email_sha256'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const id = seed * 1e6 + i;
    const digest = Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('');
    const row = `${id},user${id}@example.com,+1 202-555-01${String(id % 100).padStart(2, '0')},Customer ${id},${id} Example Street,${id % 50 === 0 ? 'call back on 020 7946 0123' : 'no notes'},${digest}`;
    rows.push(row);
    size += row.length + 1;
  }
  return `${rows.join('\n')}\n`;
}

function linesObject(seed, service, bytes) {
  const next = createLineMaker(seed, service);
  const lines = [];
  let size = 0;
  while (size < bytes) {
    const line = next();
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

// Plain streaming with the SDK: list, then read every body to its end, CONCURRENCY at a time.
const STREAM_ONLY = `
import { S3Client, GetObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
const client = new S3Client({ endpoint: process.argv[1], forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
const keys = [];
for await (const page of paginateListObjectsV2({ client }, { Bucket: '${BUCKET}' })) for (const o of page.Contents ?? []) keys.push(o.Key);
let bytes = 0;
await Promise.all(Array.from({ length: ${CONCURRENCY} }, async () => {
  for (let key = keys.shift(); key; key = keys.shift()) {
    const { Body } = await client.send(new GetObjectCommand({ Bucket: '${BUCKET}', Key: key }));
    for await (const piece of Body) bytes += piece.length;
  }
}));
console.log(bytes);
`;

try {
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  await client.send(new CreateBucketCommand({ Bucket: BUCKET })).catch(() => undefined);
  process.stdout.write(`uploading ${(totalBytes / 1e6).toFixed(0)} MB (uncompressed) of mixed objects ... `);
  let uncompressed = 0;
  let stored = 0;
  for (let i = 0; uncompressed < totalBytes; i++) {
    // Half plain logs, a quarter gzipped JSON lines, a quarter gzipped CSV exports.
    const kind = i % 4;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const text = kind === 2 ? csvObject(i, OBJECT_BYTES) : linesObject(1000 + i, `svc${i % 3}`, OBJECT_BYTES);
    const key =
      kind === 2
        ? `exports/dt=2026-11-${day}/part-${String(i).padStart(5, '0')}.csv.gz`
        : kind === 3
          ? `events/2026/11/${day}/events-${i}.jsonl.gz`
          : `logs/svc${i % 3}/app-2026-11-${day}-${i}.log`;
    const body = kind >= 2 ? gzipSync(text) : Buffer.from(text);
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    uncompressed += text.length;
    stored += body.length;
  }
  client.destroy();
  console.log(`done (${(stored / 1e6).toFixed(0)} MB stored)`);

  const timed = inTurns(
    withBaseline([
      {
        name: 'SDK GetObject, stream only',
        command: process.execPath,
        args: ['--input-type=module', '-e', STREAM_ONLY, endpoint],
        env: credentials,
      },
      {
        name: 'piiscan scan',
        command: process.execPath,
        args: [
          'bin/piiscan.js',
          'scan',
          `s3://${BUCKET}`,
          '--endpoint-url',
          endpoint,
          '--concurrency',
          String(CONCURRENCY),
          '--format',
          'json',
          '--quiet',
        ],
        env: credentials,
        keepStdout: true,
      },
    ]),
  );
  const [stream, scan] = timed.values();
  const report = JSON.parse(scan.stdout);
  if (report.errors.length > 0) throw new Error(`scan errors: ${JSON.stringify(report.errors)}`);
  const objects = report.coverage.objects[0];
  console.log(
    `objects: ${objects.objectsScanned} in ${objects.groups} groups; ${(stored / 1e6).toFixed(0)} MB stored, ${(uncompressed / 1e6).toFixed(0)} MB uncompressed; ${report.findings.length} leak sites; ${RUNS} runs each, in turns`,
  );
  console.log(
    'tool'.padEnd(30),
    'seconds: median (range)'.padStart(24),
    'MB/s stored'.padStart(12),
    'MB/s scanned'.padStart(13),
    'peak RSS MB'.padStart(12),
  );
  for (const [name, m] of timed) {
    console.log(
      name.padEnd(30),
      showSeconds(m).padStart(24),
      (stored / 1e6 / m.seconds).toFixed(1).padStart(12),
      (uncompressed / 1e6 / m.seconds).toFixed(1).padStart(13),
      m.rssMb.toFixed(0).padStart(12),
    );
  }
  console.log(`ratio piiscan/stream-only (medians): ${(stream.seconds / scan.seconds).toFixed(2)} (target >= 0.5)`);
  printBaselineRatios(timed);
} finally {
  server.stop();
}
