/**
 * What every SQL source shares, PostgreSQL, MySQL/MariaDB and SQLite alike: plan() connects,
 * lists the readable tables (what may not be read is reported with the GRANT that lifts it) and
 * plans one unit per table; read() reads a table (sampled or whole, on one of up to `concurrency`
 * connections) into column batches, each column's name the context of its values. A failure is one
 * line: for the whole source when it cannot connect, for one table otherwise.
 */
import picomatch from 'picomatch';
import type { RecordOrigin } from '../records.js';
import { emptyResult, type Connector, type SourceResult } from '../contract.js';
import type { ColumnInfo, DatabaseDriver, ReadPlan, TableInfo } from './driver.js';
import { reportDenied } from './denials.js';
import { readTable, type TableUnit } from './read-table.js';
import { acquire, release, type Session } from './sessions.js';
import { toRangeCount, toTableRangeId, type TableRange } from './table-ranges.js';
import { DEFAULT_SPLIT_BYTES } from '../byte-ranges.js';

export type { TableUnit };

/** How databases are read. */
export interface DatabaseOptions extends ReadPlan {
  /** Tables read at the same time (each on its own connection). */
  concurrency: number;
  /** Globs over `schema.table` and `schema.table.column`; empty includes everything. */
  include: string[];
  exclude: string[];
}

/** What a kind of SQL source brings: its targets, its driver, its locations. */
export interface SqlSource<T extends { display: string }> {
  name: string;
  claims(target: string): boolean;
  parse(target: string): T;
  /** Settles what the target's locations are relative to (a file's path and the root of its URIs). */
  resolve?(target: T, files: FileRoots): Promise<T>;
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

/** How file locations are rooted: the scan's working folder, and the config file's folder when there is one. */
export interface FileRoots {
  cwd: string;
  root?: string;
}

/** What SQL sources are told: how to read databases, and how file locations are rooted. */
export interface SqlSettings {
  database: DatabaseOptions;
  files: FileRoots;
  /** Bytes (a row weighs ROW_BYTES) above which a table's read is split into key ranges: DEFAULT_SPLIT_BYTES. */
  splitBytes?: number;
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

/** A target being scanned: its connections, and what its units are read with. */
interface Open<T> {
  session: Session;
  target: T;
  options: DatabaseOptions;
}

/** Connects, lists the tables to read (reporting what may not be read) and plans one unit each, by name. */
async function* planTables<T extends { display: string }>(
  source: SqlSource<T>,
  { given, settings, opened }: { given: string; settings: SqlSettings; opened: Map<string, Open<T>> },
): AsyncGenerator<TableUnit, SourceResult> {
  const options = settings.database;
  const parsed = source.parse(given);
  const target = (await source.resolve?.(parsed, settings.files)) ?? parsed;
  const result = emptyResult();
  let tables: TableInfo[];
  try {
    const first = await source.connect(target, options);
    const connect = () => source.connect(target, options);
    const session: Session = {
      connect,
      concurrency: options.concurrency,
      drivers: [first],
      idle: [first],
      waiting: [],
    };
    opened.set(target.display, { session, target, options });
    const listed = selectTables(await first.listTables(), options);
    tables = listed.filter((table) => !reportDenied({ driver: first, target, table, options, result }));
  } catch (error) {
    result.errors.push({ source: target.display, message: source.describeError(error, target) });
    return result;
  }
  const name = (t: TableInfo) => `${t.schema}.${t.table}`;
  const splitBytes = settings.splitBytes ?? DEFAULT_SPLIT_BYTES;
  for (const table of tables.sort((a, b) => name(a).localeCompare(name(b)))) {
    const unit = {
      id: source.tableId(target, table),
      connector: source.name,
      target: target.display,
      source: `${target.display} ${name(table)}`,
      size: { rows: toRead(table, options) },
      table,
    };
    yield* toRangeUnits(unit, await planRanges(opened.get(target.display)!.session, unit, splitBytes));
  }
  return { ...result, read: result.tables.length > 0 };
}

/**
 * The ranges a table is read as, or none (read whole): too small, no way to split it, or its
 * bounds could not be read (the whole read is as right, only longer; a shard that planned
 * otherwise has another plan, which the merge refuses).
 */
async function planRanges(
  session: Session,
  unit: TableUnit & { size: { rows: number } },
  splitBytes: number,
): Promise<TableRange[]> {
  const count = toRangeCount(unit.size.rows, splitBytes);
  if (count < 2 || session.drivers[0]!.planRanges === undefined) return [];
  // A connection of its own: the units planned so far are being read on the others.
  const driver = await acquire(session);
  try {
    const ranges = await driver.planRanges!(unit.table, count).catch(() => undefined);
    return ranges !== undefined && ranges.length > 1 ? ranges : [];
  } finally {
    release(session, driver);
  }
}

/** A table's unit, or one unit per range, the table's rows shared out among them. */
function toRangeUnits(unit: TableUnit & { size: { rows: number } }, ranges: readonly TableRange[]): TableUnit[] {
  if (ranges.length === 0) return [unit];
  const rows = unit.size.rows;
  return ranges.map((range, i) => ({
    ...unit,
    id: `${unit.id}${toTableRangeId(range)}`,
    source: `${unit.source} (range ${i + 1} of ${ranges.length})`,
    size: { rows: Math.floor(rows / ranges.length) + (i < rows % ranges.length ? 1 : 0) },
    // Without a primary key, a row's address names it: rows of two ranges are told apart in locations.
    table: { ...unit.table, range, ...(range.by === 'ctid' && !unit.table.primaryKey ? { primaryKey: ['ctid'] } : {}) },
    group: unit.id,
  }));
}

/** The Connector of a kind of SQL source. */
export function createSqlConnector<T extends { display: string }>(
  source: SqlSource<T>,
): Connector<TableUnit, SqlSettings> {
  const opened = new Map<string, Open<T>>();
  return {
    name: source.name,
    claims: (target) => source.claims(target),
    display: (target) => source.parse(target).display,
    plan: (given, settings) => planTables(source, { given, settings, opened }),
    async read(unit, sink) {
      const { session, target, options } = opened.get(unit.target)!;
      const driver = await acquire(session);
      try {
        const origin = (column: ColumnInfo) => ({
          ...source.origin(target, unit.table, column),
          ...(unit.group === undefined ? {} : { group: unit.group }),
        });
        return await readTable({ unit, plan: options, origin, driver, sink });
      } finally {
        release(session, driver);
      }
    },
    threads: 'records',
    lanes: ({ database }) => database.concurrency,
    async close(given) {
      const display = source.parse(given).display;
      const drivers = opened.get(display)?.session.drivers ?? [];
      opened.delete(display);
      await Promise.all(drivers.map((d) => d.close().catch(() => undefined)));
    },
    nothingRead:
      'nothing to read: no table the scanning user can see was read (check its grants, --include and --exclude)',
    units: 'tables',
    schemes: source.schemes,
    check: (target) =>
      !/^[a-z][a-z0-9+.-]*:\/\//i.test(target)
        ? 'expected scheme://host/...'
        : URL.canParse(target)
          ? undefined
          : 'not a valid URL (a password with / ? # @ or : in it must be percent-encoded)',
    async scope(given, _targets, files) {
      const parsed = source.parse(given);
      const start = source.sitePrefix((await source.resolve?.(parsed, files)) ?? parsed);
      return (site) => site.kind === 'column' && site.uri.startsWith(start);
    },
  };
}

/** Rows a table's read will take: all, or the sample. */
function toRead(table: TableInfo, plan: ReadPlan): number {
  return plan.full || table.estimatedRows <= plan.sampleRows ? Math.max(0, table.estimatedRows) : plan.sampleRows;
}
