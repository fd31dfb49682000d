// `npm run bench:shards`: what sharding costs. The bench corpus (as `npm run bench` writes it)
// scanned by one process and as 4 shards run one after another: total CPU of the shards over the
// single run's, and the plan's imbalance. Then 1,000 parts of a folder of 2,000 small files are
// merged: wall time and peak memory of the merge. BENCH_MB sets the corpus size (default 1024);
// BENCH_MERGE=0 leaves the merge out; BENCH_BASELINE (measure.js) runs another build's one process
// and shards in the same turns and prints its ratio too.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLineMaker, ensureCorpus } from './corpus.js';
import { inTurns, timeOnce, withBaseline } from './measure.js';
import { run } from '../../dist/src/cli/main.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const megabytes = Number(process.env.BENCH_MB ?? 1024);
const corpus = path.join(here, 'corpus');
await ensureCorpus(corpus, megabytes);

const work = path.join(tmpdir(), `piiscan-bench-shards-${process.pid}`);
mkdirSync(path.join(work, 'parts'), { recursive: true });
const scan = (extra) => ['bin/piiscan.js', 'scan', corpus, '-f', 'json', '--quiet', '--jobs', '1', ...extra];
const SHARDS = 4;
const commands = [{ name: 'one process', command: process.execPath, args: scan(['-o', path.join(work, 'one.json')]) }];
for (let i = 0; i < SHARDS; i++)
  commands.push({
    name: `shard ${i}/${SHARDS}`,
    command: process.execPath,
    args: scan(['--shard', `${i}/${SHARDS}`, '-o', path.join(work, `part-${i}.json`)]),
  });
const rows = inTurns(withBaseline(commands));
const { imbalance } = JSON.parse(readFileSync(path.join(work, 'part-0.json'), 'utf8')).shard;
console.log(`corpus: ${megabytes} MB in test/bench/corpus, ${SHARDS} shards, --jobs 1, median of runs`);
// With BENCH_BASELINE, the same figures for the baseline's piiscan, run in the same turns.
for (const baseline of process.env.BENCH_BASELINE ? [false, true] : [false]) {
  const ours = ([name]) => name.endsWith(' [baseline]') === baseline;
  const one = [...rows].find((row) => ours(row) && row[0].startsWith('one process'))[1];
  const shards = [...rows].filter((row) => ours(row) && row[0].startsWith('shard')).map(([, m]) => m);
  const cpu = shards.reduce((sum, m) => sum + m.cpuSeconds, 0);
  const wall = shards.reduce((sum, m) => sum + m.seconds, 0);
  if (baseline) console.log(`baseline (${process.env.BENCH_BASELINE}), same turns:`);
  console.log(
    `one process: ${one.cpuSeconds.toFixed(2)} s CPU, ${one.seconds.toFixed(2)} s wall, ${one.rssMb.toFixed(0)} MB peak`,
  );
  console.log(
    `${SHARDS} shards summed: ${cpu.toFixed(2)} s CPU, ${wall.toFixed(2)} s wall; largest shard ${Math.max(...shards.map((m) => m.seconds)).toFixed(2)} s`,
  );
  console.log(`CPU ratio (shards / one): ${(cpu / one.cpuSeconds).toFixed(3)}; plan imbalance: ${imbalance}`);
}

// BENCH_MERGE=0 stops here (the parts below take minutes to write).
if (process.env.BENCH_MERGE === '0') {
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
// 1,000 parts of a folder of many small files, written in this process (one plan each).
const small = path.join(work, 'small');
for (let i = 0; i < 2000; i++) {
  const next = createLineMaker(7 + i, `svc${i % 20}`);
  mkdirSync(path.join(small, `svc${i % 20}`), { recursive: true });
  writeFileSync(path.join(small, `svc${i % 20}`, `app-${i}.log`), Array.from({ length: 40 }, next).join('\n'));
}
const PARTS = 1000;
const started = Date.now();
for (let i = 0; i < PARTS; i++) {
  const part = path.join(work, 'parts', `part-${String(i).padStart(4, '0')}.json`);
  await run(['scan', small, '--shard', `${i}/${PARTS}`, '-f', 'json', '-o', part, '-q', '--jobs', '1'], {
    cwd: work,
    env: {},
  });
}
console.log(`\nwrote ${PARTS} parts of ${small} (2,000 files) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const merge = timeOnce({
  command: process.execPath,
  args: ['bin/piiscan.js', 'merge', path.join(work, 'parts'), '-f', 'json', '-o', path.join(work, 'merged.json'), '-q'],
});
console.log(
  `merge of ${PARTS} parts: ${merge.seconds.toFixed(2)} s wall, ${merge.cpuSeconds.toFixed(2)} s CPU, ${merge.rssMb.toFixed(0)} MB peak`,
);
const merged = JSON.parse(readFileSync(path.join(work, 'merged.json'), 'utf8'));
console.log(
  `merged report: ${merged.coverage.files} files, ${merged.summary.findings} leak sites, ${merged.errors.length} errors`,
);
rmSync(work, { recursive: true, force: true });
