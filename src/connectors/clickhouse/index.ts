/**
 * ClickHouse: `clickhouse://user:pass@host:8123/db` (HTTP; `clickhouses://` for HTTPS; no
 * database: every one the user sees). Tables are `db.table`; a column's site is
 * `clickhouse://host:port/db/table.column`, and its database names the service. The client
 * (@clickhouse/client) is loaded when a database is scanned.
 */
import { createSqlConnector, type DatabaseOptions } from '../database/connector.js';
import type { DatabaseDriver } from '../database/driver.js';
import { toNamedTableLocations } from '../database/named-tables.js';
import { describeClickhouseError } from './errors.js';
import { isClickhouseUrl, toClickhouseTarget, type ClickhouseTarget } from './target.js';

/**
 * How a connection is made: the tests' seam to inject a failure no connector foresaw (the client
 * itself is never mocked).
 */
export const clickhouseDriver = {
  connect: async (target: ClickhouseTarget, options: DatabaseOptions): Promise<DatabaseDriver> =>
    (await import('./driver.js')).connectClickhouse(target, options),
};

export const clickhouse = createSqlConnector<ClickhouseTarget>({
  name: 'clickhouse',
  claims: isClickhouseUrl,
  parse: toClickhouseTarget,
  connect: (target, options) => clickhouseDriver.connect(target, options),
  describeError: (error, target) => describeClickhouseError(error, target.authority),
  ...toNamedTableLocations<ClickhouseTarget>('clickhouse'),
  schemes: ['clickhouse', 'clickhouses'],
});
