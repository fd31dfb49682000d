/**
 * ClickHouse over HTTP with the official client: every request carries `readonly=1`, so the server
 * itself refuses any write, and the read's own `max_execution_time`. Rows stream as TabSeparated
 * text, cut into fields on its bytes (tsv-rows.ts).
 * Tables larger than the sample are read with `SAMPLE` when they have a sampling key, else by a
 * seeded hash of each row, so the sample reaches the whole table and a run can be repeated.
 */
import { createClient, ClickHouseLogLevel, type ClickHouseClient } from '@clickhouse/client';
import type { DatabaseOptions } from '../database/connector.js';
import type { DatabaseDriver, ReadMethod, ReadPlan, RowSink } from '../database/driver.js';
import { describeClickhouseError } from './errors.js';
import { listClickhouseTables, type ClickhouseTable, type Query } from './list.js';
import { quoteName, quoteString } from './sql.js';
import { unwrapType } from './types.js';
import { readTsvRows } from './tsv-rows.js';
import type { ClickhouseTarget } from './target.js';

/** Buckets of the seeded row filter: a row is read when its hash falls in the first `fraction` of them. */
const BUCKETS = 1_000_000;

function toSample(table: ClickhouseTable, plan: ReadPlan, estimate: number): { clause: string; method: string } {
  const fraction = Math.max(1 / BUCKETS, plan.sampleRows / estimate);
  if (table.samplingKey)
    return {
      clause: `SAMPLE ${fraction.toFixed(6)}`,
      method: `SAMPLE ${fraction.toFixed(6)} (the table's sampling key)`,
    };
  // No sampling key: a hash of the seed and the row's values, the same for the same row on every run.
  const values = table.columns.map((c) => `assumeNotNull(${quoteName(c.name)})`).join(', ');
  const below = Math.ceil(fraction * BUCKETS);
  return {
    clause: `WHERE cityHash64(${plan.seed}, ${values}) % ${BUCKETS} < ${below}`,
    method: `cityHash64(seed, row) % ${BUCKETS} < ${below} (seed ${plan.seed})`,
  };
}

async function readTable(
  client: ClickHouseClient,
  table: ClickhouseTable,
  plan: ReadPlan & { lockedSettings: boolean },
  sink: RowSink,
): Promise<ReadMethod> {
  const query: Query = async (sql) => (await client.query({ query: sql, format: 'JSONEachRow' })).json();
  const from = `${quoteName(table.schema)}.${quoteName(table.table)}`;
  let estimate = table.estimatedRows;
  if (estimate < 0 || estimate <= plan.sampleRows * 2)
    estimate = Number((await query(`SELECT count() AS n FROM ${from}`))[0]!['n']);
  const sampled = !plan.full && estimate > plan.sampleRows;
  const sample = sampled ? toSample(table, plan, estimate) : { clause: '', method: 'full' };
  const names = table.columns.map((c) => quoteName(c.name)).join(', ');
  const { stream } = await client.exec({
    query: `SELECT ${names} FROM ${from} ${sample.clause} FORMAT TabSeparated`,
    // A user whose profile is read only may change no setting: the server's limit and the request's timeout apply.
    clickhouse_settings: plan.lockedSettings
      ? {}
      : { max_execution_time: Math.max(1, Math.ceil(plan.statementTimeoutMs / 1000)) },
  });
  const fixed = table.types.map((t) => unwrapType(t).startsWith('FixedString('));
  await readTsvRows(stream as AsyncIterable<Buffer>, { columns: table.columns, fixed }, sink);
  return { rowsEstimated: estimate, sampled, method: sample.method };
}

/**
 * Connects (a first query checks the user and password, and whether the user's profile is read
 * only), and returns the driver.
 */
export async function connectClickhouse(target: ClickhouseTarget, options: DatabaseOptions): Promise<DatabaseDriver> {
  const client = createClient({
    url: target.endpoint,
    username: target.username,
    password: target.password,
    ...(target.database ? { database: target.database } : {}),
    // The server ends a read at max_execution_time; the request waits a little longer for its error.
    request_timeout: options.statementTimeoutMs + 10_000,
    log: { level: ClickHouseLogLevel.OFF },
    clickhouse_settings: { readonly: '1' },
  });
  const query: Query = async (sql) => (await client.query({ query: sql, format: 'JSONEachRow' })).json();
  let lockedSettings: boolean;
  try {
    const [readonly] = await query("SELECT value FROM system.settings WHERE name = 'readonly'");
    lockedSettings = String(readonly?.['value']) === '1';
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    listTables: () => listClickhouseTables(query, target.database),
    grantFor: (table) =>
      `GRANT SELECT ON ${quoteName(table.schema)}.${quoteName(table.table)} TO ${quoteString(target.username)}`,
    readTable: (table, plan, sink) => readTable(client, table as ClickhouseTable, { ...plan, lockedSettings }, sink),
    describeError: (error) => describeClickhouseError(error, target.authority),
    close: () => client.close(),
  };
}
