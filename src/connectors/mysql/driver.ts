/**
 * MySQL and MariaDB: lists the tables a user can read and streams their rows, in a READ ONLY
 * session and transaction, each read with a statement timeout. Tables larger than the sample size are
 * sampled with the seed (sample-where.ts), so the sample reaches the whole table and a run can be
 * repeated.
 */
import mysql from 'mysql2';
import type { Connection } from 'mysql2';
import type { DatabaseTarget } from '../database/target.js';
import type {
  ColumnInfo,
  ColumnKind,
  DatabaseDriver,
  ReadMethod,
  ReadPlan,
  RowSink,
  TableInfo,
} from '../database/driver.js';
import { toKeyedRead } from '../database/driver.js';
import { describeMysqlError } from './errors.js';
import { planMysqlRanges } from './ranges.js';
import { toRangeWhere, toSampleWhere } from './sample-where.js';
import { quote, SYSTEM_SCHEMAS, toScope, type Query } from './sql.js';
import { addHiddenColumns, toMysqlGrant } from './privileges.js';
import { addOrderedKeys } from './ordered-key.js';

const TEXT_TYPES = new Set(['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'enum', 'set']);
const NUMBER_TYPES = new Set(['int', 'bigint', 'decimal', 'mediumint']);
const BYTES_TYPES = new Set(['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob']);

/** MariaDB's address types, read as their text (`CAST`): the driver gives them as bytes. */
const ADDRESS_TYPES = new Set(['inet4', 'inet6']);

function toKind(dataType: string): ColumnKind | undefined {
  if (TEXT_TYPES.has(dataType) || ADDRESS_TYPES.has(dataType)) return 'text';
  if (dataType === 'json') return 'json';
  if (NUMBER_TYPES.has(dataType)) return 'number';
  if (BYTES_TYPES.has(dataType)) return 'bytes';
  return undefined;
}

async function listTables(query: Query, database: string): Promise<TableInfo[]> {
  const scope = toScope(database);
  const rows = await query(
    `SELECT c.TABLE_SCHEMA AS s, c.TABLE_NAME AS t, c.COLUMN_NAME AS c, c.DATA_TYPE AS d, c.COLUMN_KEY AS k, t.TABLE_ROWS AS n, c.PRIVILEGES AS p
       FROM information_schema.COLUMNS c
       JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
      WHERE t.TABLE_TYPE = 'BASE TABLE' AND ${scope}
      ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION`,
    database ? [database] : SYSTEM_SCHEMAS,
  );
  const tables = new Map<string, TableInfo & { keys: Array<{ name: string; integer: boolean }> }>();
  for (const r of rows) {
    const [schema, table, column, type] = [
      String(r['s']),
      String(r['t']),
      String(r['c']),
      String(r['d']).toLowerCase(),
    ];
    let info = tables.get(`${schema}.${table}`);
    if (!info)
      tables.set(
        `${schema}.${table}`,
        (info = {
          schema,
          table,
          columns: [],
          skippedColumns: [],
          estimatedRows: r['n'] === null ? -1 : Number(r['n']),
          keys: [],
        }),
      );
    if (r['k'] === 'PRI') info.keys.push({ name: column, integer: /int$/.test(type) });
    // information_schema lists the columns a user holds any privilege on, with those privileges.
    if (!String(r['p']).split(',').includes('select')) {
      (info.deniedColumns ??= []).push(column);
      continue;
    }
    const kind = toKind(type);
    if (kind)
      info.columns.push(ADDRESS_TYPES.has(type) ? { name: column, kind, address: true } : { name: column, kind });
    else info.skippedColumns.push(column);
  }
  for (const info of tables.values()) if (info.columns.length + info.skippedColumns.length === 0) info.denied = 'table';
  await addHiddenColumns({ query, database, tables });
  const listed = [...tables.values()].map(({ keys, ...t }): TableInfo => {
    const primaryKey = keys.filter((k) => !t.deniedColumns?.includes(k.name)).map((k) => k.name);
    const keyed = primaryKey.length > 0 && primaryKey.length === keys.length ? { ...t, primaryKey } : t;
    return keys.length === 1 && keys[0]!.integer ? { ...keyed, integerKey: keys[0]!.name } : keyed;
  });
  await addOrderedKeys(query, database, listed);
  return listed;
}

function toColumn(c: ColumnInfo): string {
  if ((c.kind === 'text' && !c.address) || c.kind === 'bytes') return quote(c.name);
  return `CAST(${quote(c.name)} AS CHAR)`;
}

/** mysql2 parses JSON columns into objects and may return text as bytes: everything back to text. */
function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  // Numbers, bigints and booleans: what else a driver gives prints as itself.
  return typeof value === 'object' ? JSON.stringify(value) : (value as number).toString();
}

/**
 * The statement timeout applies to the read only, not to the session, so listing tables is never
 * cut short: MariaDB's `SET STATEMENT ... FOR`, MySQL's optimizer hint.
 */
function withTimeout(sql: string, timeoutMs: number, mariadb: boolean): string {
  return mariadb
    ? `SET STATEMENT max_statement_time = ${timeoutMs / 1000} FOR ${sql}`
    : sql.replace(/^SELECT /, `SELECT /*+ MAX_EXECUTION_TIME(${Math.floor(timeoutMs)}) */ `);
}

async function readTable(
  connection: Connection,
  query: Query,
  table: TableInfo,
  plan: ReadPlan & { mariadb: boolean },
  sink: RowSink,
): Promise<ReadMethod> {
  await query('START TRANSACTION READ ONLY');
  try {
    const from = `${quote(table.schema)}.${quote(table.table)}`;
    let estimate = table.estimatedRows;
    if (estimate < 0 || estimate <= plan.sampleRows * 2)
      estimate = Number((await query(`SELECT COUNT(*) AS n FROM ${from}`))[0]!['n']);
    const sampled = !plan.full && estimate > plan.sampleRows;
    const sample = sampled ? await toSampleWhere(query, table, plan, estimate) : { where: '', method: 'full' };
    // A range of a split table keeps the rows of the sample's key ranges that fall in it: the
    // sample is chosen over the whole table, so the ranges together read what one read does.
    const where = table.range === undefined ? sample.where : toRangeWhere(sample.where, table, table.range);
    const sql = withTimeout(
      `SELECT ${[...table.columns.map(toColumn), ...(table.primaryKey ?? []).map((k) => `CAST(${quote(k)} AS CHAR)`)].join(', ')} FROM ${from} ${where}`,
      plan.statementTimeoutMs,
      plan.mariadb,
    );
    const rows = connection.query({ sql, rowsAsArray: true }).stream();
    // A connection that breaks while its rows wait to be read ends only the connection (mysql2
    // leaves the paused stream open): the stream is ended with the connection's error.
    const lost = (error: Error) => void rows.destroy(error);
    connection.once('error', lost);
    try {
      for await (const row of rows as AsyncIterable<unknown[]>) {
        for (let i = 0; i < row.length; i++) {
          const value = row[i];
          // Binary columns come as their bytes, read by the same rule as PostgreSQL's bytea.
          if (Buffer.isBuffer(value) && table.columns[i]?.kind === 'bytes') sink.bytes(i, value, 0, value.length);
          else sink.text(i, toText(value));
        }
        sink.endRow();
        const waiting = sink.wait();
        if (waiting !== undefined) await waiting;
      }
    } finally {
      connection.off('error', lost);
    }
    return { rowsEstimated: estimate, sampled, method: sample.method };
  } finally {
    await query('ROLLBACK').catch(() => undefined);
  }
}

/** TLS settings for the `ssl-mode` URL parameter, as the mysql client names them. */
const SSL_MODES: Record<string, mysql.SslOptions | undefined> = {
  DISABLED: undefined,
  // mysql2 cannot fall back to plaintext, so PREFERRED connects as mysql2 does by default: without TLS.
  PREFERRED: undefined,
  REQUIRED: { rejectUnauthorized: false },
  // The CA is checked, the host name is not (Node's TLS option; mysql2 passes it through).
  VERIFY_CA: { rejectUnauthorized: true, checkServerIdentity: () => undefined } as mysql.SslOptions,
  VERIFY_IDENTITY: { rejectUnauthorized: true },
};

/** The URL for mysql2 (`mysql:`, without `ssl-mode`) and the TLS options `ssl-mode` asks for. */
export function toMysqlConnection(targetUrl: string): { uri: string; ssl?: mysql.SslOptions } {
  const url = new URL(targetUrl.replace(/^mariadb:/i, 'mysql:'));
  const mode = url.searchParams.get('ssl-mode') ?? url.searchParams.get('sslmode');
  url.searchParams.delete('ssl-mode');
  url.searchParams.delete('sslmode');
  if (mode === null) return { uri: url.toString() };
  const key = mode.toUpperCase().replace(/-/g, '_');
  if (!(key in SSL_MODES))
    throw Object.assign(
      new Error(`ssl-mode=${mode} in the URL: expected one of ${Object.keys(SSL_MODES).join(', ')}`),
      { code: 'PIISCAN_SSL_MODE' },
    );
  const ssl = SSL_MODES[key];
  return { uri: url.toString(), ...(ssl ? { ssl } : {}) };
}

/** Connects, makes the session read only with timeouts, and returns the driver. */
export async function connectMysql(target: DatabaseTarget, plan: ReadPlan): Promise<DatabaseDriver> {
  const url = new URL(target.url);
  const password = url.password ? undefined : process.env['MYSQL_PWD'];
  const connection = mysql.createConnection({
    ...toMysqlConnection(target.url),
    ...(password ? { password } : {}),
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
  });
  const query: Query = async (sql, values) =>
    (await connection.promise().query(sql, values))[0] as Array<Record<string, unknown>>;
  // A connection that breaks is reported by the query that was running or the next one, not as an
  // error event that would end the process.
  connection.on('error', () => undefined);
  let mariadb = false;
  let account = '';
  try {
    await connection.promise().connect();
    const [version] = await query('SELECT VERSION() AS v');
    mariadb = String(version!['v']).includes('MariaDB');
    account = String((await query('SELECT CURRENT_USER() AS u'))[0]!['u']);
    await query('SET SESSION TRANSACTION READ ONLY');
    // Timestamps as text name one instant in UTC (a local clock's hour repeats when it goes back),
    // so the bound of a range of a timestamp key reads back as the value it was read from.
    await query("SET SESSION time_zone = '+00:00'");
    await query(`SET SESSION lock_wait_timeout = ${Math.max(1, Math.ceil(plan.lockTimeoutMs / 1000))}`);
  } catch (error) {
    connection.destroy();
    throw error;
  }
  return {
    listTables: () => listTables(query, target.database),
    grantFor: (table, columns) => toMysqlGrant(table, columns, account),
    readTable: (table, plan, sink) =>
      readTable(connection, query, toKeyedRead(table, plan), { ...plan, mariadb }, sink),
    planRanges: (table, count) => planMysqlRanges(query, table, count),
    describeError: (error) => describeMysqlError(error, target.authority),
    close: () => connection.promise().end(),
  };
}
