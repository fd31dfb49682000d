// `npm run bench:lines` (also the end of `npm run bench`): single long key=value lines through the
// CLI on one thread, taking turns (BENCH_RUNS each, default 3), in wall and CPU seconds (user and
// system: the steadier figure on a shared machine). A 1 MB line without PII, with one
// email and with 300 emails spread along it (the ratios to the line without PII show what finding
// costs on a long line), and a 200 MB line with one email a megabyte (seconds and peak RSS: the
// reader cuts it in pieces, so memory stays that of a short file). BENCH_LINE_MB sets the long
// line's size.
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inTurns, printBaselineRatios, RUNS, showSeconds, withBaseline } from './measure.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.join(here, 'corpus-lines');
const longMegabytes = Number(process.env.BENCH_LINE_MB ?? 200);

/** A key=value line of about `bytes` bytes with `emails` emails spread evenly along it (no newline). */
function keyValueLine(bytes, emails) {
  const parts = [];
  for (let i = 0, length = 0; length < bytes; i++) {
    parts.push(`k${i}=v${i}`);
    length += parts.at(-1).length + 1;
  }
  for (let e = 0; e < emails; e++)
    parts[Math.floor(((e + 0.5) * parts.length) / emails)] = `email=user${e}@example.com`;
  return parts.join(' ');
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const files = {
  plain: 'plain-1mb.log',
  one: 'one-email-1mb.log',
  many: 'emails-1mb.log',
  long: `one-email-a-mb-${longMegabytes}mb.log`,
};
writeFileSync(path.join(dir, files.plain), `${keyValueLine(1 << 20, 0)}\n`);
writeFileSync(path.join(dir, files.one), `${keyValueLine(1 << 20, 1)}\n`);
writeFileSync(path.join(dir, files.many), `${keyValueLine(1 << 20, 300)}\n`);
const megabyte = keyValueLine(1 << 20, 1);
const fd = openSync(path.join(dir, files.long), 'w');
for (let i = 0; i < longMegabytes; i++) writeSync(fd, `${megabyte} `);
writeSync(fd, '\n');
closeSync(fd);

const report = path.join(dir, 'report.json');
const scan = (name, file) => ({
  name,
  command: process.execPath,
  args: [
    'bin/piiscan.js',
    'scan',
    path.join(dir, file),
    '--format',
    'json',
    '--output',
    report,
    '--quiet',
    '--jobs',
    '1',
  ],
});
const rows = inTurns(
  withBaseline([
    scan('1 MB line, no PII', files.plain),
    scan('1 MB line, one email', files.one),
    scan('1 MB line, 300 emails', files.many),
    scan(`${longMegabytes} MB line, an email a MB`, files.long),
  ]),
);
rmSync(dir, { recursive: true, force: true });

const plain = rows.get('1 MB line, no PII');
console.log(`\nlong lines: piiscan --jobs 1, ${RUNS} runs each, in turns`);
console.log(
  'line'.padEnd(32),
  'seconds: median (range)'.padStart(24),
  'vs no PII'.padStart(10),
  'CPU s'.padStart(7),
  'vs no PII'.padStart(10),
  'peak RSS MB'.padStart(12),
);
for (const [name, m] of rows) {
  const ratio = (a, b) => (name.startsWith('1 MB') ? (a / b).toFixed(2) : '-');
  console.log(
    name.padEnd(32),
    showSeconds(m).padStart(24),
    ratio(m.seconds, plain.seconds).padStart(10),
    m.cpuSeconds.toFixed(2).padStart(7),
    ratio(m.cpuSeconds, plain.cpuSeconds).padStart(10),
    m.rssMb.toFixed(0).padStart(12),
  );
}
printBaselineRatios(rows);
