/**
 * SQLite database files as a database source: lists the tables and streams their rows, opened
 * strictly read only (open.ts), sampled by random key ranges chosen with the seed (read.ts).
 * node:sqlite is synchronous: a read steps one row at a time and waits for the scan in between.
 */
import { toKeyedRead, type DatabaseDriver, type ReadPlan } from '../database/driver.js';
import { describeSqliteError, READ_ACCESS } from './errors.js';
import { openSqlite } from './open.js';
import { readSqliteTable } from './read.js';
import { listSqliteTables } from './schema.js';
import type { SqliteTarget } from './target.js';

/**
 * SQLite has no users or grants: whoever may read the file reads every table. The scan asks for a
 * grant only for a table or column the listing marked denied, which this driver never does; should
 * it be asked, the answer is what lets a user read a SQLite database: the file's permissions.
 */
function toFileAccess(target: SqliteTarget): string {
  return `${target.display}: ${READ_ACCESS}`;
}

/** Opens the file (the plan's lock timeout bounds the wait on a live WAL database) and returns the driver. */
export async function connectSqlite(
  target: SqliteTarget,
  plan: Pick<ReadPlan, 'lockTimeoutMs'>,
): Promise<DatabaseDriver> {
  const db = await openSqlite(target.path, plan.lockTimeoutMs);
  return {
    listTables: async () => listSqliteTables(db),
    readTable: (table, readPlan, sink) =>
      readSqliteTable({ db, table: toKeyedRead(table, readPlan), plan: readPlan, sink }),
    describeError: describeSqliteError,
    grantFor: () => toFileAccess(target),
    close: async () => db.close(),
  };
}
