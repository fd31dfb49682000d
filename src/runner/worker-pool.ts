/**
 * Runs scans on worker threads, one unit per worker at a time, so large scans use every core.
 * A unit is sent whole (the worker reads it with its connector), or a unit's records are sent as
 * they are read. Callers get each result back for the unit they sent and merge results in their
 * own order, so a report does not depend on how units were scheduled.
 */
import type { PendingColumns } from '../sites/pending-columns.js';
import type { LinkSamples } from '../sites/link-samples.js';
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { ScanRecord } from '../connectors/records.js';
import type { OnRead, SourceResult, WorkUnit } from '../connectors/contract.js';
import type { SourceSettings } from '../connectors/registry.js';
import type { Finding } from '../sites/finding.js';
import type { ScanSettings } from '../sites/settings.js';

/** What a worker is asked to do. A stream is fed records after its `stream` message, and ends with `end`. */
export type WorkerTask =
  { kind: 'unit'; unit: WorkUnit } | { kind: 'stream' } | { kind: 'records'; records: ScanRecord[] } | { kind: 'end' };

/** What a unit's records came to: its findings and the values allow rules accepted. */
export interface ScanTotals {
  findings: Finding[];
  valueHits: Record<number, number>;
  /** Digest samples for linkable pseudonyms; absent when the unit failed. */
  links?: LinkSamples;
  /** Findings of tables read as key ranges, judged once every range is read (pending-columns.ts). */
  pending?: PendingColumns;
  /** What a caller's own sinks found besides (ScanSink.extra), one a sink. */
  extras?: unknown[];
}

/** What a unit read on a worker came to: its findings and what its connector read. */
export interface UnitResult extends ScanTotals {
  result: SourceResult;
}

/** What a worker is started with. */
export interface WorkerData {
  settings: ScanSettings;
  sources: SourceSettings;
  /** Records go to this sink instead of the detectors'. */
  sink?: WorkerSink;
}

/**
 * A caller's own sink on worker threads: the module that makes it, by URL (the runner does not
 * import its callers), and the data it is made from (shared arrays travel without a copy). The
 * module exports `createWorkerSink(data): () => ScanSink`.
 */
export interface WorkerSink {
  module: string;
  data: unknown;
  /**
   * Whether `--jobs auto` reads tables (units sized in rows) on worker threads for this sink: not
   * when its work per row costs less than handing the rows to a thread, which then only adds the
   * copy and a thread's memory.
   */
  rowsOnWorkers?: boolean;
}

export type WorkerMessage =
  | { type: 'progress'; bytes: number; matches: number }
  | { type: 'scanned'; records: number }
  | { type: 'done'; result: UnitResult | ScanTotals }
  | { type: 'fail'; message: string; code?: string };

/**
 * Where a unit's records go, to one worker: scan() hands one over, wait() is a promise while too many wait to be
 * scanned (a reader awaits it, so memory stays bounded), end() gives what they came to.
 */
export interface RecordStream {
  /** Takes the record: its bytes may move to another thread, so the caller does not read them again. */
  scan(record: ScanRecord): void;
  wait(): Promise<void> | undefined;
  end(): Promise<ScanTotals>;
}

/** Records sent to a worker and not yet scanned, above which the reader waits. */
const RECORDS_AHEAD = 16;

/**
 * A module of this build as worker threads load it, by its file URL, next to the module at
 * `metaUrl`: dist/'s, also when tests run src/ through vitest.
 */
export function compiledModule(metaUrl: string, name: string): string {
  const here = path.dirname(fileURLToPath(metaUrl));
  const inDist = path.basename(path.dirname(path.dirname(here))) === 'dist';
  return pathToFileURL(inDist ? path.join(here, name) : path.join(here, '../../dist/src', path.basename(here), name))
    .href;
}

/** The compiled worker. */
const WORKER = new URL(compiledModule(import.meta.url, 'worker.js'));

export interface WorkerPool {
  /** Reads and scans a unit on the next free worker (started on first need, up to the pool's size). */
  run(unit: WorkUnit, onRead?: OnRead): Promise<UnitResult>;
  /** Takes a worker for one unit's records until end() (waits for one when all are busy). */
  stream(): Promise<RecordStream>;
  /** Stops the workers. */
  close(): Promise<void>;
}

export function createWorkerPool(data: WorkerData, size: number): WorkerPool {
  const workers: Worker[] = [];
  const idle: Worker[] = [];
  const waiting: Array<(worker: Worker) => void> = [];
  const start = (): Worker => {
    const worker = new Worker(WORKER, { workerData: data });
    workers.push(worker);
    // A worker that dies leaves the pool (before its task hears of it): it is given no more work.
    worker.once('error', () => workers.splice(workers.indexOf(worker), 1));
    return worker;
  };
  const acquire = (): Promise<Worker> => {
    const worker = idle.pop();
    if (worker !== undefined) return Promise.resolve(worker);
    if (workers.length < size) return Promise.resolve(start());
    return new Promise((resolve) => waiting.push(resolve));
  };
  /** Hands a worker back; one that died is replaced for whoever waits. */
  const release = (worker: Worker) => {
    const alive = workers.includes(worker);
    const next = waiting.shift();
    if (next !== undefined) next(alive ? worker : start());
    else if (alive) idle.push(worker);
  };
  return {
    async run(unit, onRead) {
      const worker = await acquire();
      try {
        return await new Promise((resolve, reject) => {
          const onMessage = (m: WorkerMessage) => {
            if (m.type === 'progress') return onRead?.(m.bytes, m.matches);
            if (m.type === 'scanned') return;
            worker.off('message', onMessage).off('error', reject);
            if (m.type === 'fail')
              reject(Object.assign(new Error(m.message), m.code === undefined ? {} : { code: m.code }));
            else resolve(m.result as UnitResult);
          };
          worker.on('message', onMessage).on('error', reject);
          worker.postMessage({ kind: 'unit', unit } satisfies WorkerTask);
        });
      } finally {
        release(worker);
      }
    },
    async stream() {
      const worker = await acquire();
      let ahead = 0;
      let resume: (() => void) | undefined;
      let crashed: Error | undefined;
      let settle: { resolve: (r: ScanTotals) => void; reject: (e: Error) => void } | undefined;
      const onMessage = (m: WorkerMessage) => {
        if (m.type === 'scanned') {
          if ((ahead -= m.records) < RECORDS_AHEAD) resume?.();
        } else if (m.type === 'done' || m.type === 'fail') {
          // The answer to `end`: the worker has no more of this unit's records.
          worker.off('message', onMessage).off('error', onError);
          release(worker);
          if (m.type === 'fail') settle?.reject(new Error(m.message));
          else settle?.resolve(m.result);
        }
      };
      const onError = (error: Error) => {
        crashed = error;
        release(worker);
        resume?.();
        settle?.reject(error);
      };
      worker.on('message', onMessage).on('error', onError);
      worker.postMessage({ kind: 'stream' } satisfies WorkerTask);
      // The records handed over in one go (a batch of every column) travel in one message: a
      // message costs the worker a wake-up, whatever it holds.
      let queued: ScanRecord[] = [];
      const post = () => {
        const records = queued;
        queued = [];
        // Bytes and row numbers that own their memory move to the worker instead of being copied
        // (they are not read here again).
        const owned = records
          .flatMap((r) => (r.kind === 'values' ? [r.data, r.rows] : [r.data]))
          .filter(
            (a): a is Uint8Array | Int32Array =>
              ArrayBuffer.isView(a) && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength,
          );
        if (crashed === undefined && records.length > 0)
          worker.postMessage(
            { kind: 'records', records } satisfies WorkerTask,
            owned.map((a) => a.buffer as ArrayBuffer),
          );
      };
      return {
        scan(record) {
          if (crashed !== undefined) return;
          ahead++;
          if (queued.push(record) === 1) queueMicrotask(post);
        },
        wait() {
          if (ahead < RECORDS_AHEAD || crashed !== undefined) return undefined;
          return new Promise<void>((resolve) => (resume = resolve)).finally(() => (resume = undefined));
        },
        end() {
          return new Promise<ScanTotals>((resolve, reject) => {
            if (crashed !== undefined) return reject(crashed);
            settle = { resolve, reject };
            post();
            worker.postMessage({ kind: 'end' } satisfies WorkerTask);
          });
        },
      };
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
