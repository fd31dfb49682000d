/** Worker thread entry: scans the files it is sent with the settings it was started with. */
import { parentPort, workerData } from 'node:worker_threads';
import type { RecordOrigin } from '../types.js';
import { createFileScanner } from './file-scanner.js';
import type { ScanSettings } from './settings.js';

const scanFile = createFileScanner(workerData as ScanSettings);
const port = parentPort!;

port.on('message', (task: { id: number; origin: RecordOrigin }) => {
  scanFile(task.origin, (bytes, matches) => port.postMessage({ type: 'progress', bytes, matches })).then(
    (result) => port.postMessage({ type: 'done', id: task.id, result }),
    (error: Error) => port.postMessage({ type: 'fail', id: task.id, message: error.message }),
  );
});
