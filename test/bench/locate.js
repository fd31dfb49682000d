// `npm run bench:locate`: `piiscan locate` with 10,000 and 100,000 subjects next to the plain
// `piiscan scan` of the same data, taking turns (BENCH_RUNS each, default 3): the bench log corpus
// (as `npm run bench` writes it; BENCH_MB, default 1024) and the 1,000,000-row table of
// `bench:db` (BENCH_ROWS). Prints per command the median seconds and range, MB/s, peak RSS and
// locate's speed over the scan's with the same jobs: both on one thread (`--jobs 1`), and both
// with their default (`--jobs auto`: worker threads over 64 MiB of text or 200,000 rows), so that
// neither side gains threads the other lacks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useBenchCorpus } from './corpus.js';
import { inTurns, printTableRates, RUNS } from './measure.js';
import { createUsersTable, BENCH_ROWS as rows } from './users-table.js';

const { dir: corpus, bytes: corpusBytes } = await useBenchCorpus();

/**
 * `count` subjects, an email and a phone each: emails of the corpus's and the table's form (a few
 * found, most not), and distinct phone numbers, the first hundred of the corpus's own.
 */
function writeSubjects(file, count) {
  const lines = ['ref,email,phone'];
  for (let i = 0; i < count; i++) {
    const phone = i < 100 ? `+1 202-555-01${String(i).padStart(2, '0')}` : `+1 ${2012000000 + i * 7}`;
    lines.push(`s${i},user${i * 10 + 3}@example.com,${phone}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

const work = mkdtempSync(path.join(tmpdir(), 'piiscan-bench-locate-'));
const subjects = { '10,000': path.join(work, 's10k.csv'), '100,000': path.join(work, 's100k.csv') };
writeSubjects(subjects['10,000'], 10_000);
writeSubjects(subjects['100,000'], 100_000);

const piiscan = (name, args) => ({ name, command: process.execPath, args: ['bin/piiscan.js', ...args] });
const quietJson = ['-o', '/dev/null', '--quiet'];
/** A command once with `--jobs 1` and once with its default jobs, named for which. */
const bothJobs = (name, args) => [
  piiscan(`${name} --jobs 1`, [...args, '--jobs', '1']),
  piiscan(`${name}, default jobs`, args),
];
const commands = (target, scanFlags) => [
  ...bothJobs('scan', ['scan', target, ...scanFlags, '-f', 'json', ...quietJson]),
  ...bothJobs('locate 10,000 subjects', ['locate', target, '--subjects', subjects['10,000'], ...quietJson]),
  piiscan('locate 100,000 subjects, default jobs', ['locate', target, '--subjects', subjects['100,000'], ...quietJson]),
];

/** The scan a locate command is set against: the one with the same jobs. */
const scanFor = (name) => (name.endsWith('--jobs 1') ? 'scan --jobs 1' : 'scan, default jobs');

function print(title, timed, table) {
  console.log(`\n${title}; ${RUNS} runs each, in turns`);
  printTableRates(timed, table);
  for (const [name, m] of timed) {
    if (!name.startsWith('locate')) continue;
    const scan = timed.get(scanFor(name));
    console.log(
      `${name}: ${(scan.seconds / m.seconds).toFixed(2)} of ${scanFor(name)}'s speed (medians; target >= 1),`,
      `${(scan.cpuSeconds / m.cpuSeconds).toFixed(2)} by CPU seconds (${m.cpuSeconds.toFixed(2)} s against ${scan.cpuSeconds.toFixed(2)} s)`,
    );
  }
}

const table = createUsersTable();
try {
  const files = inTurns(commands(corpus, []));
  const tableRuns = inTurns(commands(table.url, ['--full']));
  print(`logs: ${(corpusBytes / 1e6).toFixed(0)} MB in test/bench/corpus`, files, {
    rows: Number(execFileSync('sh', ['-c', `cat ${corpus}/*/*.log | wc -l`], { encoding: 'utf8' })),
    mb: corpusBytes / 1e6,
  });
  print(`table: ${rows.toLocaleString('en-US')} rows, ${(table.bytes / 1e6).toFixed(0)} MB as COPY text`, tableRuns, {
    rows,
    mb: table.bytes / 1e6,
  });
  console.log('peak RSS target with 100,000 subjects: under 300 MB');
} finally {
  table.drop();
  rmSync(work, { recursive: true, force: true });
}
