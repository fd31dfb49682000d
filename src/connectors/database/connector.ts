/**
 * What every SQL source shares, PostgreSQL, MySQL/MariaDB and SQLite alike: plan() connects,
 * lists the readable tables (what may not be read is reported with the GRANT that lifts it) and
 * plans one unit per table; read() reads a table (sampled or whole, on one of up to `concurrency`
 * connections) into column batches, each column's name the context of its values. A failure is one
 * line: for the whole source when it cannot connect, for one table otherwise.
 */
import { isUtf8 } from 'node:buffer';
import picomatch from 'picomatch';
import type { RecordOrigin } from '../records.js';
import { emptyResult, type Connector, type RecordSink, type SourceResult, type WorkUnit } from '../contract.js';
import type { ColumnInfo, DatabaseDriver, ReadPlan, RowSink, TableInfo } from './driver.js';
import { createColumnBatches, isBatchEnd } from '../column-batches.js';
import { reportDenied, toDenied } from './denials.js';

/** How databases are read. */
export interface DatabaseOptions extends ReadPlan {
  /** Tables read at the same time (each on its own connection). */
  concurrency: number;
  /** Globs over `schema.table` and `schema.table.column`; empty includes everything. */
  include: string[];
  exclude: string[];
}

/** One table to read. */
export interface TableUnit extends WorkUnit {
  table: TableInfo;
}

/** What a kind of SQL source brings: its targets, its driver, its locations. */
export interface SqlSource<T extends { display: string }> {
  name: string;
  claims(target: string): boolean;
  parse(target: string): T;
  connect(target: T, options: DatabaseOptions): Promise<DatabaseDriver>;
  /** One line for a failure to connect or list tables, saying what to do. */
  describeError(error: unknown, target: T): string;
  /** A column's location, site URI and default service. */
  origin(target: T, table: TableInfo, column: ColumnInfo): RecordOrigin;
  /** A table's place, without credentials (`postgres://host:5432/shop/public.users`): the unit's id. */
  tableId(target: T, table: TableInfo): string;
  /** URL schemes of its targets. */
  schemes: readonly string[];
  /** The start of the site URIs of a target's columns (`postgres://host:5432/shop/`). */
  sitePrefix(target: T): string;
}

/**
 * A value given as text, to scan, or undefined when there is nothing worth scanning. (Binary values
 * come as bytes: textStart.)
 */
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

/** Reads one table into the sink; the result holds its coverage and rows. */
async function readTable(
  session: Session,
  unit: TableUnit,
  driver: DatabaseDriver,
  sink: RecordSink,
): Promise<SourceResult> {
  const { table } = unit;
  const result = emptyResult();
  const batches = createColumnBatches(
    table.columns.map((column) => ({
      origin: session.source.origin(session.target, table, column),
      name: column.name,
    })),
    sink,
  );
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
  const { options } = session;
  try {
    const { rowsEstimated, sampled, method } = await driver.readTable(table, options, rowSink);
    const denied = toDenied(driver, table);
    result.tables.push({
      source: unit.target,
      table: `${table.schema}.${table.table}`,
      rowsEstimated,
      rowsScanned: rows,
      sampled,
      method,
      seed: options.seed,
      skippedColumns: table.skippedColumns.length,
      skippedValues,
      ...(denied ? { denied } : {}),
    });
  } catch (error) {
    result.errors.push({ source: unit.source, message: driver.describeError(error) });
  } finally {
    // Rows read before a failure are still scanned.
    flush();
  }
  return { ...result, rows, read: result.tables.length > 0 };
}

/** Keeps the tables and columns the include and exclude globs allow (denied columns alike). */
function selectTables(tables: TableInfo[], options: DatabaseOptions): TableInfo[] {
  const included = options.include.length > 0 ? picomatch(options.include) : () => true;
  const excluded = options.exclude.length > 0 ? picomatch(options.exclude) : () => false;
  const keep = (name: string) => included(name) && !excluded(name);
  return tables.flatMap((t) => {
    const prefix = `${t.schema}.${t.table}`;
    const selected = (column: string) =>
      !excluded(`${prefix}.${column}`) && (keep(prefix) || keep(`${prefix}.${column}`));
    const deniedColumns = (t.deniedColumns ?? []).filter(selected);
    if (!keep(prefix) && !t.columns.some((c) => keep(`${prefix}.${c.name}`)) && deniedColumns.length === 0) return [];
    const columns = t.columns.filter((c) => selected(c.name));
    return [
      {
        ...t,
        columns,
        deniedColumns,
        skippedColumns: [...t.skippedColumns, ...t.columns.filter((c) => !columns.includes(c)).map((c) => c.name)],
      },
    ];
  });
}

/** A target's connections: the first made by plan(), more by read() up to `concurrency`. */
interface Session {
  source: SqlSource<{ display: string }>;
  target: { display: string };
  options: DatabaseOptions;
  drivers: DatabaseDriver[];
  idle: DatabaseDriver[];
  waiting: Array<(driver: DatabaseDriver) => void>;
}

async function acquire(session: Session): Promise<DatabaseDriver> {
  const driver = session.idle.pop();
  if (driver !== undefined) return driver;
  if (session.drivers.length < session.options.concurrency) {
    // Another connection when the server gives one; else the table waits for one already open.
    const more = await session.source.connect(session.target, session.options).catch(() => undefined);
    if (more !== undefined) return (void session.drivers.push(more), more);
  }
  return new Promise((resolve) => session.waiting.push(resolve));
}

function release(session: Session, driver: DatabaseDriver): void {
  const next = session.waiting.shift();
  if (next !== undefined) next(driver);
  else session.idle.push(driver);
}

/** The Connector of a kind of SQL source. */
export function createSqlConnector<T extends { display: string }>(
  source: SqlSource<T>,
): Connector<TableUnit, { database: DatabaseOptions }> {
  const sessions = new Map<string, Session>();
  return {
    name: source.name,
    claims: (target) => source.claims(target),
    display: (target) => source.parse(target).display,
    async *plan(given, { database: options }) {
      const target = source.parse(given);
      const result = emptyResult();
      let tables: TableInfo[];
      try {
        const first = await source.connect(target, options);
        const session: Session = { source: source, target, options, drivers: [first], idle: [first], waiting: [] };
        sessions.set(target.display, session);
        tables = selectTables(await first.listTables(), options).filter(
          (table) => !reportDenied({ driver: first, target, table, options, result }),
        );
      } catch (error) {
        result.errors.push({ source: target.display, message: source.describeError(error, target) });
        return result;
      }
      const name = (t: TableInfo) => `${t.schema}.${t.table}`;
      for (const table of tables.sort((a, b) => name(a).localeCompare(name(b)))) {
        yield {
          id: source.tableId(target, table),
          connector: source.name,
          target: target.display,
          source: `${target.display} ${name(table)}`,
          size: { rows: toRead(table, options) },
          table,
        };
      }
      return { ...result, read: result.tables.length > 0 };
    },
    async read(unit, sink) {
      const session = sessions.get(unit.target)!;
      const driver = await acquire(session);
      try {
        return await readTable(session, unit, driver, sink);
      } finally {
        release(session, driver);
      }
    },
    threads: 'records',
    lanes: ({ database }) => database.concurrency,
    async close(given) {
      const display = source.parse(given).display;
      const session = sessions.get(display);
      sessions.delete(display);
      await Promise.all((session?.drivers ?? []).map((d) => d.close().catch(() => undefined)));
    },
    nothingRead:
      'nothing to read: no table the scanning user can see was read (check its grants, --include and --exclude)',
    units: 'tables',
    schemes: source.schemes,
    check: (target) =>
      URL.canParse(target) ? undefined : 'not a valid URL (a password with / ? # @ or : in it must be percent-encoded)',
    async scope(given) {
      const start = source.sitePrefix(source.parse(given));
      return (site) => site.kind === 'column' && site.uri.startsWith(start);
    },
  };
}

/** Rows a table's read will take: all, or the sample. */
function toRead(table: TableInfo, plan: ReadPlan): number {
  return plan.full || table.estimatedRows <= plan.sampleRows ? Math.max(0, table.estimatedRows) : plan.sampleRows;
}
