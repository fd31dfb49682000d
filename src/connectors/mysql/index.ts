/**
 * MySQL and MariaDB: `mysql://user:pass@host:port/db` (no database: every one the user sees).
 * Tables are `db.table`; a column's site is `mysql://host:port/db/table.column`, and its database
 * names the service. The driver (mysql2) is loaded when a database is scanned.
 */
import { createSqlConnector, type DatabaseOptions } from '../database/connector.js';
import type { DatabaseDriver } from '../database/driver.js';
import { toDatabaseTarget, type DatabaseTarget } from '../database/target.js';
import { describeMysqlError } from './errors.js';

/**
 * How a connection is made: the tests' seam to inject a failure no connector foresaw (the driver
 * itself is never mocked).
 */
export const mysqlDriver = {
  connect: async (target: DatabaseTarget, options: DatabaseOptions): Promise<DatabaseDriver> =>
    (await import('./driver.js')).connectMysql(target, options),
};

export const mysql = createSqlConnector<DatabaseTarget>({
  name: 'mysql',
  claims: (target) => /^(?:mysql|mariadb):\/\//i.test(target),
  parse: toDatabaseTarget,
  connect: (target, options) => mysqlDriver.connect(target, options),
  describeError: (error, target) => describeMysqlError(error, target.authority),
  origin(target, table, column) {
    const uri = `mysql://${target.authority}/${table.schema}/${table.table}.${column.name}`;
    return {
      siteKind: 'column',
      path: `${table.schema}.${table.table}.${column.name}`,
      source: target.display,
      uri,
      siteUri: uri,
      defaultService: table.schema,
      target: target.display,
    };
  },
  tableId: (target, table) => `mysql://${target.authority}/${table.schema}/${table.table}`,
  schemes: ['mysql', 'mariadb'],
  sitePrefix: (target) => `mysql://${target.authority}/${target.database === '' ? '' : `${target.database}/`}`,
});
