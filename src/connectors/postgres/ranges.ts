/**
 * How a large PostgreSQL table is split (database/table-ranges.ts): an integer primary key by
 * equal widths between its smallest and largest value; another one-column key (text, uuid, dates)
 * by its column statistics' histogram, sorted by the database in the key's collation; a table
 * without such a key (or without statistics) by blocks of its row addresses, read with TID range
 * scans (PostgreSQL 14 and later; older servers filter a full scan per range).
 */
import type pg from 'pg';
import type { TableInfo } from '../database/driver.js';
import { pickBounds, toBoundedRanges, toIntegerBounds, type TableRange } from '../database/table-ranges.js';

const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint']);

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** The key column's type and collation, as SQL can name them. */
async function keyType(client: pg.Client, from: string, key: string) {
  const { rows } = await client.query<{ type: string; collation: string | null }>(
    `SELECT format_type(a.atttypid, a.atttypmod) AS type,
            CASE WHEN a.attcollation <> 0 THEN quote_ident(cn.nspname) || '.' || quote_ident(c.collname) END AS collation
       FROM pg_attribute a
       LEFT JOIN pg_collation c ON c.oid = a.attcollation
       LEFT JOIN pg_namespace cn ON cn.oid = c.collnamespace
      WHERE a.attrelid = $1::regclass AND a.attname = $2`,
    [from, key],
  );
  return rows[0];
}

/** Bounds of a key: equal widths for integers, else the statistics' histogram; none when neither is known. */
async function keyBounds(client: pg.Client, table: TableInfo, key: string, count: number): Promise<string[]> {
  const from = `${quote(table.schema)}.${quote(table.table)}`;
  const type = await keyType(client, from, key);
  if (type === undefined) return [];
  if (INTEGER_TYPES.has(type.type)) {
    const { rows } = await client.query<{ lo: string | null; hi: string | null }>(
      `SELECT min(${quote(key)})::text AS lo, max(${quote(key)})::text AS hi FROM ${from}`,
    );
    const { lo, hi } = rows[0]!;
    return lo === null || hi === null ? [] : toIntegerBounds(BigInt(lo), BigInt(hi), count);
  }
  const collate = type.collation === null ? '' : ` COLLATE ${type.collation}`;
  const { rows } = await client.query<{ b: string }>(
    `SELECT b::text AS b FROM (
       SELECT DISTINCT unnest(histogram_bounds::text::${type.type}[]) AS b
         FROM pg_stats WHERE schemaname = $1 AND tablename = $2 AND attname = $3) x
      ORDER BY b${collate}`,
    [table.schema, table.table, key],
  );
  return pickBounds(
    rows.map((r) => r.b),
    count,
  );
}

/** Bounds of row addresses: equal runs of the table's blocks (as of its last VACUUM or ANALYZE). */
async function blockBounds(client: pg.Client, table: TableInfo, count: number): Promise<string[]> {
  const { rows } = await client.query<{ blocks: string }>(
    `SELECT greatest(c.relpages::bigint, 0) AS blocks FROM pg_class c WHERE c.oid = $1::regclass`,
    [`${quote(table.schema)}.${quote(table.table)}`],
  );
  const blocks = BigInt(rows[0]?.blocks ?? 0);
  return blocks < 2n ? [] : toIntegerBounds(0n, blocks - 1n, count);
}

/** About `count` ranges of a table: by its one-column primary key when it can, else by row addresses. */
export async function planPostgresRanges(
  client: pg.Client,
  table: TableInfo,
  count: number,
): Promise<TableRange[] | undefined> {
  const key = table.primaryKey?.length === 1 ? table.primaryKey[0]! : undefined;
  const bounds = key === undefined ? [] : await keyBounds(client, table, key, count);
  if (key !== undefined && bounds.length > 0) return toBoundedRanges('key', key, bounds);
  const blocks = await blockBounds(client, table, count);
  return blocks.length > 0 ? toBoundedRanges('ctid', 'ctid', blocks) : undefined;
}
