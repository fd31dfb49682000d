// `npm run bench`: piiscan against ripgrep on the same deterministic corpus, in one run.
// Prints MB/s (median of BENCH_RUNS runs, default 3), peak RSS and the ratio piiscan/ripgrep.
// BENCH_MB sets the corpus size (default 1024).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.js';
import { detectors } from '../../dist/detectors/index.js';
import { createDetectorSet } from '../../dist/src/engine/detector-set.js';
import { toUnionSource } from '../../dist/src/engine/regex.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const megabytes = Number(process.env.BENCH_MB ?? 1024);
const corpus = path.join(here, 'corpus');
const manifest = path.join(corpus, 'manifest.json');
const wanted = JSON.stringify({ megabytes, seed: 42, version: 3 });

if (!existsSync(manifest) || readFileSync(manifest, 'utf8') !== wanted) {
  rmSync(corpus, { recursive: true, force: true });
  process.stdout.write(`writing a ${megabytes} MB corpus to test/bench/corpus ... `);
  await writeCorpus(corpus, { totalBytes: megabytes * 1024 * 1024 });
  writeFileSync(manifest, wanted);
  console.log('done');
}
const bytes = Number(execFileSync('du', ['-sb', '--exclude=manifest.json', corpus], { encoding: 'utf8' }).split('\t')[0]);

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** Runs a command RUNS times under GNU time; returns the median wall seconds and the largest peak RSS in MB. */
function measure(command, args) {
  const runs = Array.from({ length: RUNS }, () => measureOnce(command, args));
  const seconds = runs.map((r) => r.seconds).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  return { seconds, rssMb: Math.max(...runs.map((r) => r.rssMb)) };
}

function measureOnce(command, args) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kilobytes] = last.split(' ').map(Number);
  if (!Number.isFinite(seconds)) throw new Error(`${command} failed: ${result.stderr.slice(0, 500)}`);
  return { seconds, rssMb: kilobytes / 1024, status: result.status };
}

const hasRipgrep = spawnSync('rg', ['--version']).status === 0;
if (!hasRipgrep) console.log('ripgrep is not installed (apt-get install -y ripgrep): printing piiscan figures only.');
spawnSync('sh', ['-c', `cat ${corpus}/*/*.log > /dev/null`]);

const union = toUnionSource(createDetectorSet(detectors).sources);
const rows = [];
if (hasRipgrep) rows.push(['ripgrep -j1 -o (same alternation)', measure('rg', ['-j1', '-o', '--no-filename', '-e', union, corpus])]);
const report = path.join(here, 'report.json');
for (const jobs of ['1', '2']) {
  rows.push([`piiscan --jobs ${jobs}`, measure(process.execPath, ['bin/piiscan.js', 'scan', corpus, '--format', 'json', '--output', report, '--quiet', '--jobs', jobs])]);
}
const summary = JSON.parse(readFileSync(report, 'utf8')).summary;
rmSync(report);

const mb = bytes / 1e6;
const rg = hasRipgrep ? rows[0][1] : undefined;
console.log(`\ncorpus: ${mb.toFixed(0)} MB in test/bench/corpus; piiscan found ${summary.findings} leak sites, ${summary.occurrences} occurrences`);
console.log('tool'.padEnd(36), 'seconds'.padStart(8), 'MB/s'.padStart(8), 'peak RSS MB'.padStart(12), 'ratio vs rg'.padStart(12));
for (const [name, m] of rows) {
  const ratio = rg ? (rg.seconds / m.seconds).toFixed(2) : '-';
  console.log(name.padEnd(36), m.seconds.toFixed(2).padStart(8), (mb / m.seconds).toFixed(1).padStart(8), m.rssMb.toFixed(0).padStart(12), ratio.padStart(12));
}
