// `npm run bench:table-shards`: one large table split into key ranges. The bench:db table
// (users-table.js, BENCH_ROWS rows) scanned `--full --jobs 1` by one process read whole, by one
// process as 4 ranges, and as 4 shards (`--shard i/4`, one range each) run one after another, in
// turns: CPU of each, the shards' total over the whole read's, and the largest shard's wall time
// (what 4 machines would take) over the whole read's. Then the parts are merged and checked equal
// to the one-process split scan.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inTurns, showSeconds, timeOnce } from './measure.js';
import { BENCH_ROWS, createUsersTable } from './users-table.js';

const SHARDS = 4;
// A row weighs 100 bytes: a split size a quarter of the table's rows gives 4 ranges.
const split = String(Math.ceil((BENCH_ROWS * 100) / SHARDS));
const table = createUsersTable();
const work = path.join(tmpdir(), `piiscan-bench-table-shards-${process.pid}`);
mkdirSync(path.join(work, 'parts'), { recursive: true });
const scan = (out, ...extra) => ({
  command: process.execPath,
  args: ['bin/piiscan.js', 'scan', table.url, '--full', '--seed', '7', '--jobs', '1', '-f', 'json', '-q'].concat(
    ['-o', path.join(work, out)],
    extra,
  ),
});
try {
  const commands = [
    { name: 'one process, whole', ...scan('whole.json', '--split-size', '1GiB') },
    { name: `one process, ${SHARDS} ranges`, ...scan('split.json', '--split-size', split) },
  ];
  for (let i = 0; i < SHARDS; i++)
    commands.push({
      name: `shard ${i}/${SHARDS}`,
      ...scan(`parts/part-${i}.json`, '--split-size', split, '--shard', `${i}/${SHARDS}`),
    });
  const timed = inTurns(commands);
  console.log(`table: ${BENCH_ROWS.toLocaleString('en-US')} rows, --full --jobs 1, ${SHARDS} ranges; median of runs`);
  for (const [name, m] of timed)
    console.log(`${name}: ${showSeconds(m)} s wall, ${m.cpuSeconds.toFixed(2)} s CPU, ${m.rssMb.toFixed(0)} MB peak`);
  const whole = timed.get('one process, whole');
  const shards = [...timed].filter(([name]) => name.startsWith('shard')).map(([, m]) => m);
  const cpu = shards.reduce((sum, m) => sum + m.cpuSeconds, 0);
  const largest = Math.max(...shards.map((m) => m.seconds));
  console.log(`CPU ratio (${SHARDS} shards / whole read): ${(cpu / whole.cpuSeconds).toFixed(3)}`);
  console.log(`wall ratio (largest shard / whole read): ${(largest / whole.seconds).toFixed(3)}`);
  const { imbalance } = JSON.parse(readFileSync(path.join(work, 'parts/part-0.json'), 'utf8')).shard;
  console.log(`plan imbalance: ${imbalance}`);
  const merged = path.join(work, 'merged.json');
  const merge = timeOnce({
    command: process.execPath,
    args: ['bin/piiscan.js', 'merge', path.join(work, 'parts'), '-f', 'json', '-o', merged, '-q'],
  });
  const findings = (file) => JSON.stringify(JSON.parse(readFileSync(file, 'utf8')).findings);
  const equal = findings(merged) === findings(path.join(work, 'split.json'));
  console.log(`merge: ${merge.seconds.toFixed(2)} s wall; findings equal to the one-process split scan: ${equal}`);
} finally {
  rmSync(work, { recursive: true, force: true });
  table.drop();
}
