/**
 * A database target end to end, PostgreSQL or MySQL/MariaDB alike: connect (up to `concurrency`
 * connections), list readable tables, read each (sampled or whole), scan every value with its
 * column name as context, and aggregate into column-level findings. A failure is one line: for
 * the whole source when it cannot connect, for one table otherwise (the others are still scanned).
 */
import { isUtf8 } from 'node:buffer';
import { availableParallelism } from 'node:os';
import picomatch from 'picomatch';
import type { Finding, RecordOrigin, SourceError, TableCoverage } from '../../types.js';
import type { DatabaseTarget } from './target.js';
import type { ColumnInfo, DatabaseDriver, ReadPlan, RowSink, TableInfo } from './driver.js';
import { describePostgresError } from '../postgres/errors.js';
import { describeMysqlError } from '../mysql/errors.js';
import { addHits, createRecordScanner, selectDetectors, type RecordSink } from '../../sites/record-scanner.js';
import { toFieldNames } from '../../engine/detector-set.js';
import { detectorNamedBy } from '../../engine/detect.js';
import { createWorkerPool, type TableSink } from '../../runner/worker-pool.js';
import type { ScanSettings } from '../../sites/settings.js';
import { createColumnBatches, isBatchEnd } from '../column-batches.js';
import { reportDenied, toDenied } from './denials.js';

/** How databases are read. */
export interface DatabaseOptions extends ReadPlan {
  /** Tables read at the same time (each on its own connection). */
  concurrency: number;
  /** Worker threads that scan what the connections read; auto: every core once the tables hold over 200,000 rows to read. */
  jobs: number | 'auto';
  /** Globs over `schema.table` and `schema.table.column`; empty includes everything. */
  include: string[];
  exclude: string[];
}

export interface DatabaseResult {
  findings: Finding[];
  errors: SourceError[];
  tables: TableCoverage[];
  valueHits: Record<number, number>;
  bytes: number;
}

/** A value given as text, to scan, or undefined when there is nothing worth scanning. (Binary values come as bytes: textStart.) */
function toText(value: string | null, column: ColumnInfo): string | undefined {
  if (value === null || value === '') return undefined;
  if (column.kind === 'number') return /^-?\d{9,19}$/.test(value) ? value.replace(/^-/, '') : undefined;
  return value;
}

const MINUS = 0x2d;
const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;

/** toText() for a value given as bytes: where its text starts, or -1 when there is nothing worth scanning. */
function textStart(src: Uint8Array, start: number, end: number, column: ColumnInfo): number {
  if (end === start) return -1;
  if (column.kind === 'bytes') return isUtf8(src.subarray(start, end)) ? start : -1;
  if (column.kind !== 'number') return start;
  // Numbers with the digit count of a phone number, an SSN or a card: 9 to 19 digits, sign dropped.
  const digits = src[start] === MINUS ? start + 1 : start;
  if (end - digits < 9 || end - digits > 19) return -1;
  for (let i = digits; i < end; i++) if (!isDigit(src[i]!)) return -1;
  return digits;
}

/** PostgreSQL: `postgres://host:port/db/schema.table.column`; MySQL: `mysql://host:port/db/table.column`. */
function toOrigin(target: DatabaseTarget, table: TableInfo, column: ColumnInfo): RecordOrigin {
  const postgres = target.kind === 'postgres';
  const name = postgres ? `${table.schema}.${table.table}.${column.name}` : `${table.table}.${column.name}`;
  const database = postgres ? target.database : table.schema;
  const uri = `${target.kind}://${target.authority}/${database}/${name}`;
  return {
    siteKind: 'column',
    path: `${database}.${name}`,
    source: target.display,
    uri,
    siteUri: uri,
    // PostgreSQL: the schema names the service unless it is `public`; MySQL: the database does.
    defaultService: postgres && table.schema === 'public' ? target.database : table.schema,
    target: target.display,
  };
}

/** Reads and scans one table; returns the rows scanned. */
async function scanTable(driver: DatabaseDriver, target: DatabaseTarget, table: TableInfo, options: DatabaseOptions, sink: TableSink, result: DatabaseResult): Promise<number> {
  const batches = createColumnBatches(table.columns.map((column) => ({ origin: toOrigin(target, table, column), name: column.name })), sink);
  const flush = () => {
    result.bytes += batches.flush();
  };
  let rows = 0;
  let skippedValues = 0;
  // Binary values that are not UTF-8 are skipped and counted.
  const skip = (column: ColumnInfo, given: boolean) => {
    if (column.kind === 'bytes' && given) skippedValues++;
  };
  const rowSink: RowSink = {
    text(i, value) {
      const text = toText(value, table.columns[i]!);
      if (text === undefined) skip(table.columns[i]!, Boolean(value));
      else batches.add(i, text, rows + 1);
    },
    bytes(i, src, start, end) {
      const at = textStart(src, start, end, table.columns[i]!);
      if (at === -1) skip(table.columns[i]!, end > start);
      else batches.addBytes(i, src, at, end, rows + 1);
    },
    endRow() {
      if (isBatchEnd(++rows)) flush();
    },
    wait: () => sink.wait(),
  };
  try {
    const { rowsEstimated, sampled, method } = await driver.readTable(table, options, rowSink);
    const denied = toDenied(driver, table);
    result.tables.push({ source: target.display, table: `${table.schema}.${table.table}`, rowsEstimated, rowsScanned: rows, sampled, method, seed: options.seed, skippedColumns: table.skippedColumns.length, skippedValues, ...(denied ? { denied } : {}) });
  } finally {
    // Rows read before a failure are still scanned.
    flush();
  }
  return rows;
}

/** Keeps the tables and columns the include and exclude globs allow (denied columns alike). */
function selectTables(tables: TableInfo[], options: DatabaseOptions): TableInfo[] {
  const included = options.include.length > 0 ? picomatch(options.include) : () => true;
  const excluded = options.exclude.length > 0 ? picomatch(options.exclude) : () => false;
  const keep = (name: string) => included(name) && !excluded(name);
  return tables.flatMap((t) => {
    const prefix = `${t.schema}.${t.table}`;
    const selected = (column: string) => !excluded(`${prefix}.${column}`) && (keep(prefix) || keep(`${prefix}.${column}`));
    const deniedColumns = (t.deniedColumns ?? []).filter(selected);
    if (!keep(prefix) && !t.columns.some((c) => keep(`${prefix}.${c.name}`)) && deniedColumns.length === 0) return [];
    const columns = t.columns.filter((c) => selected(c.name));
    return [{ ...t, columns, deniedColumns, skippedColumns: [...t.skippedColumns, ...t.columns.filter((c) => !columns.includes(c)).map((c) => c.name)] }];
  });
}

/** Rows to read above which `--jobs auto` scans on worker threads (starting one costs about as much as scanning 100,000 rows). */
const PARALLEL_ROWS = 200_000;

function rowsToRead(tables: TableInfo[], plan: ReadPlan): number {
  return tables.reduce((sum, t) => sum + (plan.full || t.estimatedRows <= plan.sampleRows ? Math.max(0, t.estimatedRows) : plan.sampleRows), 0);
}

/** A table's records scanned on this thread as they come. */
function localSink(sink: RecordSink): TableSink {
  return { scan: (record) => void sink.scan(record), wait: () => undefined, end: async () => ({ findings: sink.findings(), valueHits: sink.valueHits }) };
}

/**
 * With a worker thread, the reading thread scans the columns whose names name no PII kind itself:
 * such a column costs stage one (one pass at a few hundred MB/s over bytes this thread has just
 * copied) and its few candidates, while every value of a named column (`email`, `phone_sha256`) is
 * judged, on the worker. A column always goes one way, so its site's findings come from one side.
 */
export function splitSink(worker: TableSink, local: RecordSink, named: (hint: string) => boolean): TableSink {
  return {
    scan: (record) => (record.kind === 'values' && !named(record.hint) ? void local.scan(record) : worker.scan(record)),
    wait: () => worker.wait(),
    end: async () => {
      const { findings, valueHits } = await worker.end();
      const hits = { ...valueHits };
      addHits(hits, local.valueHits);
      return { findings: [...findings, ...local.findings()], valueHits: hits };
    },
  };
}

/**
 * Each driver is loaded when a database of its kind is scanned. Exported as the tests' seam: they
 * wrap a real driver to inject a failure no connector foresaw (the driver itself is never mocked).
 */
export const DATABASE_CONNECTORS: Record<DatabaseTarget['kind'], (target: DatabaseTarget, options: DatabaseOptions) => Promise<DatabaseDriver>> = {
  postgres: async (target, options) => (await import('../postgres/driver.js')).connectPostgres(target, options),
  mysql: async (target, options) => (await import('../mysql/driver.js')).connectMysql(target, options),
};
const DESCRIBE = { postgres: describePostgresError, mysql: describeMysqlError };

export async function scanDatabase(target: DatabaseTarget, settings: ScanSettings, options: DatabaseOptions): Promise<DatabaseResult> {
  const result: DatabaseResult = { findings: [], errors: [], tables: [], valueHits: {}, bytes: 0 };
  const drivers: DatabaseDriver[] = [];
  const connect = async () => {
    const driver = await DATABASE_CONNECTORS[target.kind](target, options);
    drivers.push(driver);
    return driver;
  };
  try {
    const first = await connect();
    const queue = selectTables(await first.listTables(), options).filter((table) => !reportDenied({ driver: first, target, table, options, result }));
    for (let i = 1; i < Math.min(options.concurrency, queue.length); i++) await connect();
    const jobs = options.jobs === 'auto' ? (rowsToRead(queue, options) > PARALLEL_ROWS ? availableParallelism() : 1) : options.jobs;
    // Connections read and batch rows; with jobs, worker threads scan the batches meanwhile.
    const pool = jobs > 1 ? createWorkerPool(settings, Math.min(jobs, drivers.length)) : undefined;
    const newSink = createRecordScanner(settings);
    const fieldNames = toFieldNames(selectDetectors(settings.detectorIds));
    const named = (hint: string) => detectorNamedBy(fieldNames, hint) !== undefined;
    try {
      await Promise.all(
        drivers.map(async (driver) => {
          for (let table = queue.shift(); table; table = queue.shift()) {
            const source = `${target.display} ${table.schema}.${table.table}`;
            const sink = pool === undefined ? localSink(newSink()) : splitSink(await pool.table(), newSink(), named);
            let rowsScanned = 0;
            try {
              rowsScanned = await scanTable(driver, target, table, options, sink, result);
            } catch (error) {
              result.errors.push({ source, message: driver.describeError(error) });
            }
            // What was read before a failure is still reported.
            try {
              const { findings, valueHits } = await sink.end();
              result.findings.push(...findings.map((f) => ({ ...f, rowsScanned })));
              addHits(result.valueHits, valueHits);
            } catch (error) {
              result.errors.push({ source, message: `scanning failed: ${(error as Error).message}` });
            }
          }
        }),
      );
    } finally {
      await pool?.close();
    }
  } catch (error) {
    result.errors.push({ source: target.display, message: DESCRIBE[target.kind](error, target.authority) });
  } finally {
    await Promise.all(drivers.map((d) => d.close().catch(() => undefined)));
  }
  result.tables.sort((a, b) => a.table.localeCompare(b.table));
  return result;
}
