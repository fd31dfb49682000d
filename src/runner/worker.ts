/** Worker thread entry: scans the files, objects and table records it is sent with the settings it was started with. */
import { parentPort, workerData } from 'node:worker_threads';
import { createFileScanner, type ScanFile } from '../connectors/files/read.js';
import type { createObjectScanner } from '../connectors/s3/scan-bucket.js';
import type { ScanSettings } from '../sites/settings.js';
import type { WorkerMessage, WorkerTask } from './worker-pool.js';
import { createRecordScanner, type RecordSink } from '../sites/record-scanner.js';

const settings = workerData as ScanSettings;
/** Each scanner compiles the detectors: made on first use, so a worker only compiles what it is sent. */
let scanFile: ScanFile | undefined;
/** One object scanner (with its own S3 client) per way of reaching a store, made on first use. */
const objectScanners = new Map<string, ReturnType<typeof createObjectScanner>>();
const port = parentPort!;
const send = (message: WorkerMessage) => port.postMessage(message);

/** The table whose records come in, and the first error scanning them (later records are dropped). */
let newTableSink: (() => RecordSink) | undefined;
let table: { sink: RecordSink; error?: Error } | undefined;

/** A table's messages are answered in order, one `scanned` a message of records and a result at `end`. */
function feedTable(task: Extract<WorkerTask, { kind: 'table' | 'records' | 'end' }>) {
  if (task.kind === 'table') table = { sink: (newTableSink ??= createRecordScanner(settings))() };
  else if (task.kind === 'records') {
    for (const record of task.records) {
      // A Buffer arrives as a plain Uint8Array.
      const data = Buffer.from(record.data.buffer, record.data.byteOffset, record.data.byteLength);
      try {
        if (table!.error === undefined) table!.sink.scan({ ...record, data });
      } catch (error) {
        table!.error = error as Error;
      }
    }
    send({ type: 'scanned', records: task.records.length });
  } else {
    const { sink, error } = table!;
    send(error === undefined ? { type: 'done', result: { findings: sink.findings(), valueHits: sink.valueHits } } : { type: 'fail', message: error.message });
    table = undefined;
  }
}

async function run(task: Extract<WorkerTask, { kind: 'file' | 'object' }>) {
  if (task.kind === 'file') return (scanFile ??= createFileScanner(settings))(task.origin, (bytes, matches) => send({ type: 'progress', bytes, matches }));
  const key = JSON.stringify(task.connect);
  let scanner = objectScanners.get(key);
  if (scanner === undefined) {
    // The AWS SDK is loaded by the workers that read objects, not by every worker.
    const [{ createS3Client }, { createObjectScanner }] = await Promise.all([import('../connectors/s3/client.js'), import('../connectors/s3/scan-bucket.js')]);
    objectScanners.set(key, (scanner = createObjectScanner(settings, createS3Client(task.connect), task.connect.endpoint ?? 'S3')));
  }
  return scanner(task.task);
}

port.on('message', (task: WorkerTask) => {
  if (task.kind === 'table' || task.kind === 'records' || task.kind === 'end') return feedTable(task);
  run(task).then(
    (result) => send({ type: 'done', result }),
    (error: NodeJS.ErrnoException) => send({ type: 'fail', message: error.message, ...(error.code === undefined ? {} : { code: error.code }) }),
  );
});
