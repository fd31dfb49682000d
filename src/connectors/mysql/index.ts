/**
 * MySQL and MariaDB: `mysql://user:pass@host:port/db` (no database: every one the user sees).
 * Tables are `db.table`; a column's site is `mysql://host:port/db/table.column`, and its database
 * names the service. The driver (mysql2) is loaded when a database is scanned.
 */
import { createSqlConnector, type DatabaseOptions } from '../database/connector.js';
import type { DatabaseDriver } from '../database/driver.js';
import { toNamedTableLocations } from '../database/named-tables.js';
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
  ...toNamedTableLocations<DatabaseTarget>('mysql'),
  schemes: ['mysql', 'mariadb'],
});
