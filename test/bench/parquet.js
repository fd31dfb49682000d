// `npm run bench:parquet`: a full piiscan scan of a Parquet file of user-like rows (the database
// benchmark's columns, plus a struct and a list) next to hyparquet decoding the same columns of the
// same file and nothing else, taking turns (BENCH_RUNS each, default 3). Prints the median seconds
// and the range, rows/s, the ratio of the medians and the peak RSS. BENCH_ROWS sets the row count
// (default 1,000,000); the file is written once with hyparquet-writer under test/bench/corpus/.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { inTurns, printBaselineRatios, RUNS, showSeconds, withBaseline } from './measure.js';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = path.join(root, 'test/bench/corpus', `users-${rows}.parquet`);
const TEXT = { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' };

function writeFile() {
  const range = Array.from({ length: rows }, (_, i) => i + 1);
  const two = (i) => String(i % 100).padStart(2, '0');
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'id', data: range.map((i) => BigInt(i)) },
      { name: 'email', data: range.map((i) => `user${i}@example.com`) },
      { name: 'phone', data: range.map((i) => `+1 202-555-01${two(i)}`) },
      { name: 'full_name', data: range.map((i) => `Customer ${i}`) },
      { name: 'address', data: range.map((i) => `${i} Example Street`) },
      { name: 'notes', data: range.map((i) => (i % 50 === 0 ? `call back on 020 7946 0${two(i)}1` : 'no notes')) },
      { name: 'contact', data: range.map((i) => ({ email: `alt${i}@example.com`, city: 'Springfield' })) },
      { name: 'tags', data: range.map((i) => (i % 10 === 0 ? ['vip', `ref-${i}`] : ['std'])) },
      { name: 'score', data: range.map((i) => i / 7) },
    ],
    schema: [
      { name: 'root', num_children: 9 },
      { name: 'id', type: 'INT64', repetition_type: 'REQUIRED' },
      ...['email', 'phone', 'full_name', 'address', 'notes'].map((name) => ({ name, ...TEXT })),
      { name: 'contact', repetition_type: 'OPTIONAL', num_children: 2 },
      { name: 'email', ...TEXT },
      { name: 'city', ...TEXT },
      { name: 'tags', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', ...TEXT },
      { name: 'score', type: 'DOUBLE', repetition_type: 'REQUIRED' },
    ],
    rowGroupSize: 100_000,
  });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.from(buffer));
}

// The reader alone: every row group's text columns decoded (what piiscan reads), nothing scanned.
const DECODE_ONLY = `
import { asyncBufferFromFile, parquetMetadataAsync, parquetScan } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
const file = await asyncBufferFromFile(process.argv[1]);
const metadata = await parquetMetadataAsync(file);
const columns = ['id', 'email', 'phone', 'full_name', 'address', 'notes', 'contact', 'tags'];
let start = 0, values = 0;
for (const group of metadata.row_groups) {
  const end = start + Number(group.num_rows);
  const scan = await parquetScan({ file, metadata, compressors, columns });
  for (const column of columns) values += (await scan.readColumn({ column, rowStart: start, rowEnd: end })).length;
  start = end;
}
console.log(values);
`;

if (!existsSync(file)) {
  process.stdout.write(`writing ${rows.toLocaleString('en-US')} rows with hyparquet-writer ... `);
  writeFile();
  console.log('done');
}
const bytes = statSync(file).size;
const timed = inTurns(
  withBaseline([
    {
      name: 'hyparquet decode only',
      command: process.execPath,
      args: ['--input-type=module', '-e', DECODE_ONLY, file],
    },
    {
      name: 'piiscan scan --full',
      command: process.execPath,
      args: ['bin/piiscan.js', 'scan', path.relative(root, file), '--full', '--format', 'json', '--quiet'],
      keepStdout: true,
    },
  ]),
);
const [decode, scan] = timed.values();
const report = JSON.parse(scan.stdout);
if (report.errors.length > 0) throw new Error(`scan errors: ${JSON.stringify(report.errors)}`);
console.log(
  `${rows.toLocaleString('en-US')} rows, ${(bytes / 1e6).toFixed(0)} MB of Parquet; ${report.findings.length} leak sites; ${RUNS} runs each, in turns`,
);
// The machine may be shared: CPU seconds tell the work apart from the waiting for a core.
for (const [name, m] of timed)
  console.log(
    `${name}: ${showSeconds(m)} s, ${Math.round(rows / m.seconds)} rows/s, ${m.cpuSeconds.toFixed(2)} CPU s, peak RSS ${m.rssMb.toFixed(0)} MB`,
  );
console.log(
  `ratio piiscan/decode-only (medians): ${(decode.seconds / scan.seconds).toFixed(2)}, CPU ${(decode.cpuSeconds / scan.cpuSeconds).toFixed(2)}`,
);
printBaselineRatios(timed);
