/**
 * Runs file scans on worker threads, one file per worker at a time, so large scans use every
 * core. Results come back per file and are returned in file order, so merging them gives the
 * same report however the files were scheduled.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { RecordOrigin } from '../types.js';
import type { FileResult, OnRecord } from './file-scanner.js';
import type { ScanSettings } from './settings.js';

type Message = { type: 'progress'; bytes: number; matches: number } | { type: 'done'; id: number; result: FileResult } | { type: 'fail'; id: number; message: string };

/** The compiled worker. Tests run this module from src/ through vitest; the worker is always dist/'s. */
const here = path.dirname(fileURLToPath(import.meta.url));
const WORKER = path.basename(path.dirname(path.dirname(here))) === 'dist' ? path.join(here, 'worker.js') : path.join(here, '../../dist/src/scan/worker.js');

export async function scanInWorkers(files: RecordOrigin[], options: { settings: ScanSettings; jobs: number; onRecord: OnRecord; onFile: () => void }): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  let next = 0;
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= files.length) return resolve();
        const id = next++;
        worker.postMessage({ id, origin: files[id] });
      };
      worker.on('message', (m: Message) => {
        if (m.type === 'progress') return options.onRecord(m.bytes, m.matches);
        if (m.type === 'fail') return reject(new Error(`scanning ${files[m.id]!.path}: ${m.message}`));
        results[m.id] = m.result;
        options.onFile();
        send();
      });
      worker.on('error', reject);
      send();
    });
  const workers = Array.from({ length: Math.min(options.jobs, files.length) }, () => new Worker(WORKER, { workerData: options.settings }));
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
