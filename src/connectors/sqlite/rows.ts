/**
 * Statement results as the driver opens the database to give them (open.ts: `returnArrays`,
 * `readBigInts`): rows as arrays, integers as bigint. node:sqlite's types describe the default
 * (objects), so the cast lives here once.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';

/** The first row of a query, or undefined. */
export function getRow(db: DatabaseSync, sql: string, ...params: SQLInputValue[]): unknown[] | undefined {
  return db.prepare(sql).get(...params) as unknown as unknown[] | undefined;
}

/** Every row of a query (for small results: schema listings). */
export function allRows(db: DatabaseSync, sql: string, ...params: SQLInputValue[]): unknown[][] {
  return db.prepare(sql).all(...params) as unknown as unknown[][];
}

/** A statement's rows, one at a time: never more than one row in memory. */
export function iterateRows(statement: StatementSync, ...params: SQLInputValue[]): Iterable<unknown[]> {
  return statement.iterate(...params) as unknown as Iterable<unknown[]>;
}
