/**
 * What the scanning user may not read in MySQL or MariaDB. information_schema lists only the
 * columns a user holds some privilege on (with those privileges): the listing marks the columns
 * without SELECT; tables read through column grants are probed here for columns the server does
 * not list. Each denial is reported with the GRANT that lifts it.
 */
import type { TableInfo } from '../database/driver.js';
import { quote, SYSTEM_SCHEMAS, toScope, type Query } from './sql.js';

const ER_TABLEACCESS_DENIED = 1142;
const ER_COLUMNACCESS_DENIED = 1143;

/** MySQL's error for a column the user may not read: `... for column 'ssn' in table 'leads'`. */
const COLUMN_DENIED = /for column '((?:[^']|'')*)' in table/;

/**
 * Tables the user reads through column grants only: MySQL and MariaDB do not even list the
 * columns it holds no privilege on, so a probe selects every column, and when it is denied the
 * table is marked as having columns hidden from the user.
 */
export async function addHiddenColumns({
  query,
  database,
  tables,
}: {
  query: Query;
  database: string;
  tables: Map<string, TableInfo>;
}): Promise<void> {
  const granted = await query(
    `SELECT DISTINCT c.TABLE_SCHEMA AS s, c.TABLE_NAME AS t FROM information_schema.COLUMN_PRIVILEGES c WHERE ${toScope(database)}`,
    database ? [database] : SYSTEM_SCHEMAS,
  );
  for (const r of granted) {
    const info = tables.get(`${String(r['s'])}.${String(r['t'])}`);
    if (info === undefined || info.denied !== undefined) continue;
    const error = await query(`SELECT * FROM ${quote(info.schema)}.${quote(info.table)} LIMIT 0`).then(
      () => undefined,
      (e: { errno?: number; message?: string }) => e,
    );
    if (error === undefined) continue;
    // Another failure (a table dropped meanwhile) is left to the table's read to report.
    if (error.errno !== ER_TABLEACCESS_DENIED && error.errno !== ER_COLUMNACCESS_DENIED) continue;
    // MySQL names the first denied column; MariaDB names only the table.
    const column = COLUMN_DENIED.exec(error.message ?? '')?.[1]?.replace(/''/g, "'");
    if (column !== undefined) (info.deniedColumns ??= []).push(column);
    info.hiddenColumns = true;
  }
}

/** The GRANT that lets `account` (`user@host`, as CURRENT_USER() gives it) read `columns` of `table`, or all of it. */
export function toMysqlGrant(table: TableInfo, columns: readonly string[], account: string): string {
  const at = account.lastIndexOf('@');
  const grantee = `'${account.slice(0, at).replace(/'/g, "''")}'@'${account.slice(at + 1).replace(/'/g, "''")}'`;
  const name = `${quote(table.schema)}.${quote(table.table)}`;
  const whole = table.denied !== undefined || table.hiddenColumns === true;
  return `GRANT SELECT ${whole ? '' : `(${columns.map(quote).join(', ')}) `}ON ${name} TO ${grantee}`;
}
