// Timing for the benchmarks: commands under GNU time, run in turns so that the drift of a shared
// machine falls on every command alike, summarised by the median of the runs.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs per command (BENCH_RUNS, default 3). */
export const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/**
 * One run: wall seconds, CPU seconds (user and system), peak RSS in MB and, when `keepStdout`,
 * stdout (else it goes to /dev/null). Exit codes 0 and 1 (findings) are success.
 */
export function timeOnce({ command, args, env = {}, keepStdout = false }) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', command, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'],
    maxBuffer: 1 << 28,
  });
  const [seconds, kilobytes, user, system] = (result.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  if ((result.status !== 0 && result.status !== 1) || !Number.isFinite(seconds))
    throw new Error(`${command} failed: ${result.stderr.slice(0, 500)}`);
  return { seconds, cpuSeconds: user + system, rssMb: kilobytes / 1024, stdout: result.stdout };
}

/**
 * Runs each `{ name, command, args, env?, keepStdout? }` RUNS times, taking turns. Returns per
 * name the median seconds, the fastest and slowest run, the median CPU seconds, the largest peak
 * RSS and the last run's stdout.
 */
export function inTurns(commands) {
  const runs = new Map(commands.map(({ name }) => [name, []]));
  for (let i = 0; i < RUNS; i++) for (const command of commands) runs.get(command.name).push(timeOnce(command));
  return new Map(
    [...runs].map(([name, list]) => {
      const seconds = list.map((r) => r.seconds).sort((a, b) => a - b);
      const cpu = list.map((r) => r.cpuSeconds).sort((a, b) => a - b);
      return [
        name,
        {
          seconds: seconds[Math.floor(seconds.length / 2)],
          fastest: seconds[0],
          slowest: seconds.at(-1),
          cpuSeconds: cpu[Math.floor(cpu.length / 2)],
          rssMb: Math.max(...list.map((r) => r.rssMb)),
          stdout: list.at(-1).stdout,
        },
      ];
    }),
  );
}

/** `1.23 s (1.10–1.40)`: the median and the range of the runs. */
export function showSeconds(m) {
  return RUNS > 1 ? `${m.seconds.toFixed(2)} (${m.fastest.toFixed(2)}–${m.slowest.toFixed(2)})` : m.seconds.toFixed(2);
}

/**
 * BENCH_BASELINE names another checkout, built (an older commit in a worktree): its piiscan runs
 * every piiscan command of a benchmark in the same turns, so a change is measured against the
 * code before it on the same machine at the same time.
 */
const BASELINE = process.env.BENCH_BASELINE;

/** The commands, and with BENCH_BASELINE the baseline's piiscan for each piiscan command, named `... [baseline]`. */
export function withBaseline(commands) {
  if (!BASELINE) return commands;
  const bin = path.resolve(BASELINE, 'bin/piiscan.js');
  const old = commands
    .filter((c) => c.args?.[0] === 'bin/piiscan.js')
    .map((c) => ({ ...c, name: `${c.name} [baseline]`, args: [bin, ...c.args.slice(1)] }));
  return [...commands, ...old];
}

/** With BENCH_BASELINE: each piiscan command's median seconds over the baseline's (below 1 is faster). */
export function printBaselineRatios(rows) {
  for (const [name, old] of rows) {
    if (!name.endsWith(' [baseline]')) continue;
    const now = rows.get(name.slice(0, -' [baseline]'.length));
    console.log(
      `${name.slice(0, -' [baseline]'.length)}: ${(now.seconds / old.seconds).toFixed(2)} of the baseline's seconds (medians), CPU ${(now.cpuSeconds / old.cpuSeconds).toFixed(2)}`,
    );
  }
}

/** Per tool: median seconds (range), rows/s, MB/s and peak RSS, for a table of `rows` rows and `mb` MB. */
export function printTableRates(timed, { rows, mb }) {
  console.log(
    'tool'.padEnd(32),
    'seconds: median (range)'.padStart(24),
    'rows/s'.padStart(10),
    'MB/s'.padStart(8),
    'peak RSS MB'.padStart(12),
  );
  for (const [name, m] of timed) {
    console.log(
      name.padEnd(32),
      showSeconds(m).padStart(24),
      Math.round(rows / m.seconds)
        .toLocaleString('en-US')
        .padStart(10),
      (mb / m.seconds).toFixed(1).padStart(8),
      m.rssMb.toFixed(0).padStart(12),
    );
  }
}
