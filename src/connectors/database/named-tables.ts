/**
 * Locations of sources whose tables are `database.table` (MySQL, ClickHouse): a column's site is
 * `scheme://host:port/database/table.column`, and its database names the service.
 */
import type { RecordOrigin } from '../records.js';
import type { ColumnInfo, TableInfo } from './driver.js';
import type { SqlSource } from './connector.js';

/** A target of such a source: shown without credentials, and its `host:port` and database. */
interface NamedTarget {
  display: string;
  authority: string;
  database: string;
}

/** The origin, table id and site prefix of a source whose site URIs start with `scheme://`. */
export function toNamedTableLocations<T extends NamedTarget>(
  scheme: string,
): Pick<SqlSource<T>, 'origin' | 'tableId' | 'sitePrefix'> {
  return {
    origin(target: T, table: TableInfo, column: ColumnInfo): RecordOrigin {
      const uri = `${scheme}://${target.authority}/${table.schema}/${table.table}.${column.name}`;
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
    tableId: (target, table) => `${scheme}://${target.authority}/${table.schema}/${table.table}`,
    sitePrefix: (target) => `${scheme}://${target.authority}/${target.database === '' ? '' : `${target.database}/`}`,
  };
}
