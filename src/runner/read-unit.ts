/**
 * Reads one unit where the scheduler put it: here, on a worker (the unit sent whole), or here with
 * its records scanned on a worker. Whatever happens, the unit gives a result: a failure its
 * connector did not describe, or a worker that died, is that unit's one error line.
 */
import type { Connector, OnRead, SourceResult, WorkUnit } from '../connectors/contract.js';
import { emptyResult } from '../connectors/contract.js';
import type { SourceSettings } from '../connectors/registry.js';
import type { Finding } from '../sites/finding.js';
import { toScanTotals, type ScanSink } from '../sites/record-scanner.js';
import type { PendingColumns } from '../sites/pending-columns.js';
import { describeUnexpectedError } from '../errors/unexpected-error.js';
import type { WorkerPool } from './worker-pool.js';
import { splitSink } from './split-sink.js';
import type { LinkSamples } from '../sites/link-samples.js';

/** What a unit came to. */
export interface UnitOutcome {
  findings: Finding[];
  valueHits: Record<number, number>;
  /** Digest samples for linkable pseudonyms; absent when the unit failed. */
  links?: LinkSamples;
  /** A unit of a group (a table's key range): its findings and column counts, judged with the group's. */
  pending?: PendingColumns;
  /** What a caller's own sinks found besides (ScanSink.extra), one a sink. */
  extras?: unknown[];
  result: SourceResult;
}

export interface UnitPlace {
  connector: Connector<WorkUnit, SourceSettings>;
  sources: SourceSettings;
  newSink: () => ScanSink;
  /** Worker threads, when the scan uses them. */
  pool?: WorkerPool;
  /** Whether a column name names a PII kind: its records go to a worker (records threads). */
  named: (hint: string) => boolean;
  onRead?: OnRead;
}

function failed(unit: WorkUnit, error: unknown): SourceResult {
  return { ...emptyResult(), errors: [{ source: unit.source, message: describeUnexpectedError(error) }] };
}

async function readHere(unit: WorkUnit, place: UnitPlace): Promise<UnitOutcome> {
  const sink = place.newSink();
  const result = await place.connector
    .read(unit, sink, place.sources, place.onRead)
    .catch((error: unknown) => failed(unit, error));
  return { ...toScanTotals(sink), result };
}

async function readSplit(unit: WorkUnit, place: UnitPlace, pool: WorkerPool): Promise<UnitOutcome> {
  const sink = splitSink(await pool.stream(), place.newSink(), place.named);
  const result = await place.connector
    .read(unit, sink, place.sources, place.onRead)
    .catch((error: unknown) => failed(unit, error));
  // What was read before a failure is still reported.
  try {
    return { ...(await sink.end()), result };
  } catch (error) {
    const errors = [...result.errors, { source: unit.source, message: `scanning failed: ${(error as Error).message}` }];
    return { findings: [], valueHits: {}, result: { ...result, errors } };
  }
}

export async function readUnit(unit: WorkUnit, place: UnitPlace): Promise<UnitOutcome> {
  const { pool } = place;
  let outcome: UnitOutcome;
  if (pool === undefined) outcome = await readHere(unit, place);
  else if (place.connector.threads === 'records') outcome = await readSplit(unit, place, pool);
  else
    outcome = await pool
      .run(unit, place.onRead)
      .catch((error: unknown) => ({ findings: [], valueHits: {}, result: failed(unit, error) }));
  const rows = outcome.result.rows;
  // A range's rows count toward its table's, even when it found nothing.
  if (unit.group !== undefined)
    return {
      ...outcome,
      pending: { findings: [], columns: [], ...outcome.pending, rows: { [unit.group]: rows ?? 0 } },
    };
  return rows === undefined
    ? outcome
    : { ...outcome, findings: outcome.findings.map((f) => ({ ...f, rowsScanned: rows })) };
}
