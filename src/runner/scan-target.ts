/**
 * One target through its connector: plan() fills a bounded queue; lanes take units from it and
 * read each here or on worker threads; results are merged in plan order, whatever order the
 * lanes finish in, so a report does not depend on timing. Nothing here names a kind of source.
 */
import { availableParallelism } from 'node:os';
import { emptyResult, type Connector, type OnRead, type SourceResult, type WorkUnit } from '../connectors/contract.js';
import type { SourceSettings } from '../connectors/registry.js';
import type { ScanSettings } from '../sites/settings.js';
import type { ScanSink } from '../sites/record-scanner.js';
import { describeUnexpectedError } from '../errors/unexpected-error.js';
import { createQueue } from './queue.js';
import { readUnit, type UnitOutcome } from './read-unit.js';
import { createWorkerPool, type WorkerPool, type WorkerSink } from './worker-pool.js';

/** Text to scan above which `--jobs auto` uses worker threads. */
export const PARALLEL_BYTES = 64 * 1024 * 1024;
/**
 * Rows to read above which `--jobs auto` uses worker threads (below it, starting a worker costs
 * more than it saves: docs/performance.md).
 */
const PARALLEL_ROWS = 200_000;
/** Units planned ahead of the lanes: enough to judge a scan's size, bounded whatever the plan. */
const PLANNED_AHEAD = 1000;

export interface TargetScan {
  connector: Connector<WorkUnit, SourceSettings>;
  target: string;
  settings: ScanSettings;
  sources: SourceSettings;
  jobs: number | 'auto';
  newSink: () => ScanSink;
  /** The sink worker threads make instead of the detectors' (`newSink`'s kind, on another thread). */
  workerSink?: WorkerSink;
  named: (hint: string) => boolean;
  /**
   * Unit ids read so far in this scan, when it has several targets: a unit two targets plan is
   * read once. (A scan of one target keeps none, so its memory does not grow with its units.)
   */
  seen?: Set<string>;
  /** Units planned already (a sharded scan's share): read these instead of planning the target. */
  units?: AsyncGenerator<WorkUnit, SourceResult>;
  onRead?: OnRead;
  onPlanned?: () => void;
  /** Called with each unit's outcome, in plan order. */
  merge(outcome: UnitOutcome): void;
}

/** Worker threads for this target's units, or none. */
export function workerCount(
  scan: Pick<TargetScan, 'connector' | 'jobs' | 'workerSink'>,
  planned: readonly WorkUnit[],
): number {
  // One unit sent whole to a worker would only move its work off this thread.
  if (scan.connector.threads === 'unit' && planned.length < 2) return 1;
  if (scan.jobs !== 'auto') return scan.jobs;
  const size = (key: 'bytes' | 'rows') =>
    planned.reduce((sum, u) => sum + ((u.size as Record<string, number>)[key] ?? 0), 0);
  const rows = scan.workerSink?.rowsOnWorkers === false ? 0 : size('rows');
  return size('bytes') > PARALLEL_BYTES || rows > PARALLEL_ROWS ? availableParallelism() : 1;
}

/** Scans a target; returns what planning found (items skipped, listing errors). */
export async function scanTarget(scan: TargetScan): Promise<SourceResult> {
  const { connector } = scan;
  const queue = createQueue<WorkUnit>(PLANNED_AHEAD);
  let planned = emptyResult();
  // A unit another target planned was read there: this target read it too.
  let shared = false;
  const plan = async () => {
    try {
      const units = scan.units ?? connector.plan(scan.target, scan.sources);
      for (let next = await units.next(); ; next = await units.next()) {
        if (next.done) return void (planned = next.value);
        if (scan.seen?.has(next.value.id)) {
          shared = true;
          continue;
        }
        scan.seen?.add(next.value.id);
        await queue.push(next.value);
        scan.onPlanned?.();
      }
    } catch (error) {
      planned.errors.push({ source: connector.display(scan.target), message: describeUnexpectedError(error) });
    } finally {
      queue.close();
    }
  };
  const planning = plan();
  await queue.filled();
  const jobs = workerCount(scan, queue.items);
  const lanes = connector.lanes(scan.sources);
  const pool: WorkerPool | undefined =
    jobs > 1
      ? createWorkerPool(
          {
            settings: scan.settings,
            sources: withoutFunctions(scan.sources),
            ...(scan.workerSink ? { sink: scan.workerSink } : {}),
          },
          connector.threads === 'unit' ? jobs : Math.min(jobs, lanes),
        )
      : undefined;
  const place = {
    connector,
    sources: scan.sources,
    newSink: scan.newSink,
    named: scan.named,
    ...(pool ? { pool } : {}),
    ...(scan.onRead ? { onRead: scan.onRead } : {}),
  };
  const done = new Map<number, UnitOutcome>();
  let taken = 0;
  let merged = 0;
  const lane = async () => {
    for (let unit = await queue.take(); unit; unit = await queue.take()) {
      const index = taken++;
      done.set(index, await readUnit(unit, place));
      for (let outcome = done.get(merged); outcome !== undefined; outcome = done.get(merged)) {
        scan.merge(outcome);
        done.delete(merged++);
      }
    }
  };
  try {
    await Promise.all([
      planning,
      ...Array.from({ length: pool && connector.threads === 'unit' ? Math.max(lanes, jobs) : lanes }, lane),
    ]);
  } finally {
    await pool?.close();
    await connector.close?.(scan.target).catch(() => undefined);
  }
  return shared ? { ...planned, read: true } : planned;
}

/** Settings as worker threads get them: plain data (a test's hook stays on the main thread). */
function withoutFunctions(sources: SourceSettings): SourceSettings {
  return JSON.parse(JSON.stringify(sources)) as SourceSettings;
}
