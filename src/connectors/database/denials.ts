/**
 * What of a table the scanning user may not read is never silently absent: one error line with
 * the GRANT that lifts it, and the table in coverage with what was denied.
 */
import type { TableCoverage } from '../records.js';
import type { DatabaseDriver, TableInfo } from './driver.js';
import type { SourceResult } from '../contract.js';

/** What of a table the scanning user may not read, with the grant that would let it; undefined when it may read all. */
export function toDenied(driver: DatabaseDriver, table: TableInfo): TableCoverage['denied'] {
  const columns = table.deniedColumns ?? [];
  if (table.denied === undefined && columns.length === 0 && table.hiddenColumns === undefined) return undefined;
  return { columns, grant: driver.grantFor(table, columns) };
}

const NOT_READ = 'not read: permission denied';

/**
 * Reports what of a table the user may not read as one error line with the GRANT it needs, never
 * leaving it silently absent. Returns true when nothing of the table can be read (it is listed in
 * coverage, unread); false when it is to be read, whole or without its denied columns.
 */
export function reportDenied({
  driver,
  target,
  table,
  options,
  result,
}: {
  driver: DatabaseDriver;
  target: { display: string };
  table: TableInfo;
  options: { seed: number };
  result: Pick<SourceResult, 'errors' | 'tables'>;
}): boolean {
  const denied = toDenied(driver, table);
  if (denied === undefined) return false;
  const name = `${table.schema}.${table.table}`;
  const { columns } = denied;
  const what =
    table.denied === 'schema'
      ? `permission denied for schema ${table.schema}`
      : table.denied === 'table'
        ? `permission denied for table ${name}`
        : columns.length === 0
          ? `permission denied for columns of ${name} that the server does not list to this user`
          : `permission denied for column${columns.length > 1 ? 's' : ''} ${columns.join(', ')} of ${name}${table.hiddenColumns ? ' (and maybe others the server does not list to this user)' : ''}`;
  result.errors.push({ source: `${target.display} ${name}`, message: `${what}, not read: ${denied.grant}` });
  if (table.denied === undefined && table.columns.length > 0) return false;
  result.tables.push({
    source: target.display,
    table: name,
    rowsEstimated: table.estimatedRows,
    rowsScanned: 0,
    sampled: false,
    method: NOT_READ,
    seed: options.seed,
    skippedColumns: table.skippedColumns.length,
    skippedValues: 0,
    denied,
  });
  return true;
}
