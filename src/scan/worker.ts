/** Worker thread entry: scans the files and objects it is sent with the settings it was started with. */
import { parentPort, workerData } from 'node:worker_threads';
import { createFileScanner } from './file-scanner.js';
import { createS3Client } from '../connectors/s3.js';
import { createObjectScanner } from './scan-s3.js';
import type { ScanSettings } from './settings.js';
import type { WorkerMessage, WorkerTask } from './worker-pool.js';

const settings = workerData as ScanSettings;
const scanFile = createFileScanner(settings);
/** One object scanner (with its own S3 client) per way of reaching a store, made on first use. */
const objectScanners = new Map<string, ReturnType<typeof createObjectScanner>>();
const port = parentPort!;
const send = (message: WorkerMessage) => port.postMessage(message);

function run(task: WorkerTask) {
  if (task.kind === 'file') return scanFile(task.origin, (bytes, matches) => send({ type: 'progress', bytes, matches }));
  const key = JSON.stringify(task.connect);
  let scanner = objectScanners.get(key);
  if (scanner === undefined) objectScanners.set(key, (scanner = createObjectScanner(settings, createS3Client(task.connect), task.connect.endpoint ?? 'S3')));
  return scanner(task.task);
}

port.on('message', (task: WorkerTask) => {
  run(task).then(
    (result) => send({ type: 'done', result }),
    (error: Error) => send({ type: 'fail', message: error.message }),
  );
});
