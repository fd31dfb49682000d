/**
 * PostgreSQL: `postgres://user:pass@host:port/db`. Tables are `schema.table`; a column's site is
 * `postgres://host:port/db/schema.table.column`, and its schema names the service unless it is
 * `public` (then the database does). The driver (pg) is loaded when a database is scanned.
 */
import { createSqlConnector, type DatabaseOptions } from '../database/connector.js';
import type { DatabaseDriver } from '../database/driver.js';
import { toDatabaseTarget, type DatabaseTarget } from '../database/target.js';
import { describePostgresError } from './errors.js';

/**
 * How a connection is made: the tests' seam to inject a failure no connector foresaw (the driver
 * itself is never mocked).
 */
export const postgresDriver = {
  connect: async (target: DatabaseTarget, options: DatabaseOptions): Promise<DatabaseDriver> =>
    (await import('./driver.js')).connectPostgres(target, options),
};

export const postgres = createSqlConnector<DatabaseTarget>({
  name: 'postgres',
  claims: (target) => /^postgres(?:ql)?:\/\//i.test(target),
  parse: toDatabaseTarget,
  connect: (target, options) => postgresDriver.connect(target, options),
  describeError: (error, target) => describePostgresError(error, target.authority),
  origin(target, table, column) {
    const uri = `postgres://${target.authority}/${target.database}/${table.schema}.${table.table}.${column.name}`;
    const defaultService = table.schema === 'public' ? target.database : table.schema;
    return {
      siteKind: 'column',
      path: `${target.database}.${table.schema}.${table.table}.${column.name}`,
      source: target.display,
      uri,
      siteUri: uri,
      defaultService,
      target: target.display,
    };
  },
  tableId: (target, table) => `postgres://${target.authority}/${target.database}/${table.schema}.${table.table}`,
  schemes: ['postgres', 'postgresql'],
  sitePrefix: (target) => `postgres://${target.authority}/${target.database === '' ? '' : `${target.database}/`}`,
});
