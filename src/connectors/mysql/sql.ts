/** What the MySQL connector's modules share: a query function, identifier quoting, and the databases a scan covers. */

/** Runs a statement with `?` values and gives its rows. */
export type Query = (sql: string, values?: unknown[]) => Promise<Array<Record<string, unknown>>>;

export const quote = (identifier: string) => `\`${identifier.replace(/`/g, '``')}\``;

export const SYSTEM_SCHEMAS = ['mysql', 'information_schema', 'performance_schema', 'sys'];

/** The databases a scan covers (over a column `c.TABLE_SCHEMA`): the URL's, or every one but the system's. */
export const toScope = (database: string) =>
  database ? 'c.TABLE_SCHEMA = ?' : `c.TABLE_SCHEMA NOT IN (${SYSTEM_SCHEMAS.map(() => '?').join(', ')})`;
