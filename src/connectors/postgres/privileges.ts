/**
 * What the scanning user may not read in a PostgreSQL database. information_schema lists only
 * the columns a user holds some privilege on, so a table or column it may not read would be
 * silently absent; pg_catalog lists them all, and has_*_privilege says which are denied. Each
 * denial is reported with the GRANT that lifts it.
 */
import type pg from 'pg';
import type { TableInfo } from '../database/driver.js';

const DENIED = `
  SELECT n.nspname AS schema, c.relname AS table, a.attname AS column, COALESCE(c.reltuples, -1)::bigint AS estimate,
         has_schema_privilege(n.oid, 'USAGE') AS usage, has_column_privilege(c.oid, a.attnum, 'SELECT') AS select
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
   WHERE c.relkind IN ('r', 'p')
     AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
     AND NOT (has_schema_privilege(n.oid, 'USAGE') AND has_column_privilege(c.oid, a.attnum, 'SELECT'))
   ORDER BY n.nspname, c.relname, a.attnum`;

/** Adds to `tables` (by `schema.table`) the columns and tables the user may not read, and marks them. */
export async function addDenied(client: pg.Client, tables: Map<string, TableInfo>): Promise<void> {
  const { rows } = await client.query<{
    schema: string;
    table: string;
    column: string;
    estimate: string;
    usage: boolean;
    select: boolean;
  }>(DENIED);
  const touched = new Set<TableInfo>();
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
    info.columns = info.columns.filter((c) => c.name !== r.column);
    info.skippedColumns = info.skippedColumns.filter((name) => name !== r.column);
    if (!r.select) (info.deniedColumns ??= []).push(r.column);
    if (!r.usage) info.denied = 'schema';
    touched.add(info);
  }
  // A table none of whose columns may be read is denied as a whole.
  for (const info of touched)
    if (info.denied === undefined && info.columns.length + info.skippedColumns.length === 0) info.denied = 'table';
}

/** An identifier as PostgreSQL prints it: bare when it can be, quoted otherwise. */
const ident = (name: string) => (/^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

/** The GRANT statements that let `role` read what it may not of `table`. */
export function toPostgresGrant(table: TableInfo, columns: readonly string[], role: string): string {
  const name = `${ident(table.schema)}.${ident(table.table)}`;
  const grants: string[] = [];
  if (table.denied === 'schema') grants.push(`GRANT USAGE ON SCHEMA ${ident(table.schema)} TO ${ident(role)}`);
  if (table.denied !== undefined && columns.length > 0) grants.push(`GRANT SELECT ON ${name} TO ${ident(role)}`);
  else if (columns.length > 0)
    grants.push(`GRANT SELECT (${columns.map(ident).join(', ')}) ON ${name} TO ${ident(role)}`);
  return grants.join('; ');
}
