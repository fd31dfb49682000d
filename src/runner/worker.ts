/**
 * Worker thread entry: reads and scans the units it is sent, or scans a unit's records sent as they are read, with the
 * settings it was started with.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connectorNamed, type SourceSettings } from '../connectors/registry.js';
import type { Connector, WorkUnit } from '../connectors/contract.js';
import type { WorkerData, WorkerMessage, WorkerTask } from './worker-pool.js';
import { createRecordScanner, toScanTotals, type ScanSink } from '../sites/record-scanner.js';

const { settings, sources, sink: ownSink } = workerData as WorkerData;
/** Compiles the detectors on first use, so a worker only compiles what it is sent. */
const newSink: () => ScanSink = ownSink
  ? ((await import(ownSink.module)) as { createWorkerSink(data: unknown): () => ScanSink }).createWorkerSink(
      ownSink.data,
    )
  : createRecordScanner(settings);
const port = parentPort!;
const send = (message: WorkerMessage) => port.postMessage(message);

/** The unit whose records come in, and the first error scanning them (later records are dropped). */
let stream: { sink: ScanSink; error?: Error } | undefined;

/** A stream's messages are answered in order, one `scanned` a message of records and a result at `end`. */
function feedStream(task: Extract<WorkerTask, { kind: 'stream' | 'records' | 'end' }>) {
  if (task.kind === 'stream') stream = { sink: newSink() };
  else if (task.kind === 'records') {
    for (const record of task.records) {
      // A Buffer arrives as a plain Uint8Array.
      const data = Buffer.from(record.data.buffer, record.data.byteOffset, record.data.byteLength);
      try {
        if (stream!.error === undefined) stream!.sink.scan({ ...record, data });
      } catch (error) {
        stream!.error = error as Error;
      }
    }
    send({ type: 'scanned', records: task.records.length });
  } else {
    const { sink, error } = stream!;
    send(error === undefined ? { type: 'done', result: toScanTotals(sink) } : { type: 'fail', message: error.message });
    stream = undefined;
  }
}

async function run(unit: WorkUnit, connector: Connector<WorkUnit, SourceSettings>) {
  const sink = newSink();
  const result = await connector.read(unit, sink, sources, (bytes, matches) =>
    send({ type: 'progress', bytes, matches }),
  );
  return { ...toScanTotals(sink), result };
}

port.on('message', (task: WorkerTask) => {
  if (task.kind !== 'unit') return feedStream(task);
  // A unit of a source this build does not have is a bug: it throws here, and the worker dies.
  run(task.unit, connectorNamed(task.unit.connector)).then(
    (result) => send({ type: 'done', result }),
    (error: NodeJS.ErrnoException) =>
      send({ type: 'fail', message: error.message, ...(error.code === undefined ? {} : { code: error.code }) }),
  );
});
