/**
 * PostgreSQL: lists the tables a user can read and streams their rows with COPY, inside a
 * READ ONLY transaction with statement and lock timeouts. Tables larger than the sample size are
 * sampled with TABLESAMPLE BERNOULLI ... REPEATABLE (seed), which reaches the whole table, not
 * only its first rows. Takes a connected client, so it is tested against a real server.
 */
import type pg from 'pg';
import { copyOut } from './copy-out.js';
import { describePostgresError } from './errors.js';
import { addDenied, toPostgresGrant } from './privileges.js';
import type { DatabaseTarget } from '../database/target.js';
import type { ColumnKind, DatabaseDriver, ReadMethod, ReadPlan, RowSink, TableInfo } from '../database/driver.js';
import { toKeyedRead } from '../database/driver.js';
import { toRangeCondition } from '../database/table-ranges.js';
import { planPostgresRanges } from './ranges.js';

const TEXT_TYPES = new Set(['text', 'character varying', 'character', 'citext', 'name', 'USER-DEFINED']);
const NUMBER_TYPES = new Set(['integer', 'bigint', 'numeric']);

/**
 * Address types: `host()` gives an inet's address without the netmask its text form adds (`/32`).
 * Not cidr: networks are not a person's.
 */
const ADDRESS_TYPES = new Set(['inet']);

function toKind(dataType: string, udt: string): ColumnKind | undefined {
  if (dataType === 'USER-DEFINED' && udt !== 'citext') return 'text'; // enums
  if (TEXT_TYPES.has(dataType) || ADDRESS_TYPES.has(dataType)) return 'text';
  if (dataType === 'json' || dataType === 'jsonb') return 'json';
  if (NUMBER_TYPES.has(dataType)) return 'number';
  // Birth dates are kept as dates; times and timestamps say when, never who.
  if (dataType === 'date') return 'text';
  if (dataType === 'bytea') return 'bytes';
  return undefined;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

export async function listTables(client: pg.Client): Promise<TableInfo[]> {
  const { rows } = await client.query<{
    schema: string;
    table: string;
    column: string;
    data_type: string;
    udt_name: string;
    estimate: string;
  }>(`
    SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column, c.data_type, c.udt_name,
           COALESCE(pc.reltuples, -1)::bigint AS estimate
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      LEFT JOIN pg_namespace n ON n.nspname = c.table_schema
      LEFT JOIN pg_class pc ON pc.relnamespace = n.oid AND pc.relname = c.table_name
     WHERE t.table_type = 'BASE TABLE'
       AND c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg\\_%'
     ORDER BY c.table_schema, c.table_name, c.ordinal_position`);
  const tables = new Map<string, TableInfo>();
  for (const r of rows) {
    const key = `${r.schema}.${r.table}`;
    let info = tables.get(key);
    if (!info)
      tables.set(
        key,
        (info = {
          schema: r.schema,
          table: r.table,
          columns: [],
          skippedColumns: [],
          estimatedRows: Number(r.estimate),
        }),
      );
    const kind = toKind(r.data_type, r.udt_name);
    if (kind)
      info.columns.push(
        ADDRESS_TYPES.has(r.data_type) ? { name: r.column, kind, address: true } : { name: r.column, kind },
      );
    else info.skippedColumns.push(r.column);
  }
  await addDenied(client, tables);
  await addPrimaryKeys(client, tables);
  return [...tables.values()];
}

/** Each table's primary key columns, in key order. */
async function addPrimaryKeys(client: pg.Client, tables: Map<string, TableInfo>): Promise<void> {
  const { rows } = await client.query<{ schema: string; table: string; column: string }>(`
    SELECT n.nspname AS schema, c.relname AS table, a.attname AS column
      FROM pg_index i
      JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
     WHERE i.indisprimary
     ORDER BY n.nspname, c.relname, k.ord`);
  for (const r of rows) {
    const table = tables.get(`${r.schema}.${r.table}`);
    if (table !== undefined && !table.deniedColumns?.includes(r.column)) (table.primaryKey ??= []).push(r.column);
  }
}

function toSelect(table: TableInfo, plan: ReadPlan, estimate: number): { sql: string; method: ReadMethod } {
  // Binary COPY sends each value in its type's binary form: as text, but for bytea's raw bytes.
  const columns = [
    ...table.columns.map((c) =>
      c.address ? `host(${quote(c.name)})` : `${quote(c.name)}${c.kind === 'bytes' ? '' : '::text'}`,
    ),
    ...(table.primaryKey ?? []).map((k) => `${quote(k)}::text`),
    ...(table.timestamp === undefined ? [] : [`extract(epoch from ${quote(table.timestamp)})::text`]),
  ].join(', ');
  const from = `${quote(table.schema)}.${quote(table.table)}`;
  // A range of a split table: BERNOULLI chooses a row by its address and the seed, never by what
  // else the scan reads, so a range keeps the rows a read of the whole table keeps.
  const where = table.range === undefined ? '' : ` WHERE ${toRangeCondition(table.range, quote)}`;
  if (plan.full || estimate <= plan.sampleRows)
    return {
      sql: `SELECT ${columns} FROM ${from}${where}`,
      method: { rowsEstimated: estimate, sampled: false, method: 'full' },
    };
  const percent = Math.min(100, (plan.sampleRows / estimate) * 100).toPrecision(4);
  const sample = `TABLESAMPLE BERNOULLI (${percent}) REPEATABLE (${plan.seed})`;
  return {
    sql: `SELECT ${columns} FROM ${from} ${sample}${where}`,
    method: { rowsEstimated: estimate, sampled: true, method: sample },
  };
}

/**
 * Streams a table's rows (values in `table.columns` order) into `sink`, then says how it was read. The
 * transaction is READ ONLY and ends with ROLLBACK: nothing is ever written.
 */
export async function readTable(
  client: pg.Client,
  table: TableInfo,
  plan: ReadPlan,
  sink: RowSink,
): Promise<ReadMethod> {
  await client.query('BEGIN READ ONLY');
  try {
    await client.query(`SET LOCAL statement_timeout = ${Math.floor(plan.statementTimeoutMs)}`);
    await client.query(`SET LOCAL lock_timeout = ${Math.floor(plan.lockTimeoutMs)}`);
    let estimate = table.estimatedRows;
    if (estimate < 0) {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${quote(table.schema)}.${quote(table.table)}`,
      );
      estimate = Number(rows[0]!.n);
    }
    const { sql, method } = toSelect(table, plan, estimate);
    await copyOut(client, `COPY (${sql}) TO STDOUT (FORMAT binary)`, sink);
    return method;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
}

/**
 * `sslmode` as libpq and psql read it (`require` encrypts without checking the certificate,
 * `verify-full` checks it and the host name). node-postgres 8 reads prefer, require and verify-ca
 * as verify-full unless told otherwise, and warns on stderr each time.
 */
export function withLibpqSslModes(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('sslmode') || parsed.searchParams.has('uselibpqcompat')) return url;
  parsed.searchParams.set('uselibpqcompat', 'true');
  return parsed.toString();
}

let loaded: typeof pg | undefined;

/** Loads node-postgres on the first database target only: file and bucket scans never pay for it. */
async function loadPg(): Promise<typeof pg> {
  loaded ??= (await import('pg')).default;
  return loaded;
}

/**
 * Connects and returns the driver; connection errors are thrown for the caller to describe.
 * Timeouts are set per read transaction, so the plan is not needed to connect.
 */
export async function connectPostgres(target: DatabaseTarget, _plan?: ReadPlan): Promise<DatabaseDriver> {
  const { Client } = await loadPg();
  const client = new Client({ connectionString: withLibpqSslModes(target.url), application_name: 'piiscan' });
  // A connection that breaks is reported by the query that was running or the next one, not as an
  // error event that would end the process.
  client.on('error', () => undefined);
  let role: string;
  try {
    await client.connect();
    role = (await client.query<{ role: string }>('SELECT current_user AS role')).rows[0]!.role;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    listTables: () => listTables(client),
    grantFor: (table, columns) => toPostgresGrant(table, columns, role),
    readTable: (table, plan, sink) => readTable(client, toKeyedRead(table, plan), plan, sink),
    planRanges: (table, count) => planPostgresRanges(client, table, count),
    describeError: (error) => describePostgresError(error, target.authority),
    close: () => client.end(),
  };
}
