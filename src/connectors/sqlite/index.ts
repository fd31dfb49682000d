/**
 * SQLite database files: `sqlite:///abs/app.db`, `sqlite:relative/app.db`, and `.db`/`.sqlite`
 * files met in a folder walk, recognised by their header. Tables and columns are read as
 * PostgreSQL's are; a column's site is `sqlite://` and the file's path from the root file URIs use
 * (dated folders grouped as for logs), then `#main.table.column`. The file's folder names the service.
 */
import path from 'node:path';
import { createSqlConnector } from '../database/connector.js';
import { findFileRoot } from '../files/list.js';
import { toFileSite, toShownPath } from '../file-group.js';
import { describeSqliteError } from './errors.js';
import { connectSqlite } from './sqlite.js';
import { hasSqliteName, isSqliteFile, isSqliteUrl, toSqliteTarget, type SqliteTarget } from './target.js';

/** A SQLite target whose locations are settled: the file's path as shown, its URI path and its site. */
interface PlacedTarget extends SqliteTarget {
  /** The file as shown from the working folder. */
  shown: string;
  /** `sqlite://` and the path from the root. */
  uri: string;
  /** `sqlite://` and the path from the root, dated folders grouped. */
  site: string;
  service: string;
}

async function place(target: SqliteTarget, files: { cwd: string; root?: string }): Promise<PlacedTarget> {
  const file = path.resolve(files.cwd, target.path);
  const root = await findFileRoot(file, files);
  const { uri, siteUri, service } = toFileSite(file, root);
  const folders = siteUri.slice('file://'.length).split('/').slice(0, -1);
  return {
    ...target,
    path: file,
    shown: toShownPath(file, files.cwd),
    uri: `sqlite://${uri.slice('file://'.length)}`,
    site: `sqlite://${[...folders, path.basename(file)].join('/')}`,
    service: service || path.basename(file, path.extname(file)),
  };
}

/** The target's locations; a target planned without them is placed from the working folder. */
const placed = (target: SqliteTarget): PlacedTarget =>
  'site' in target
    ? (target as PlacedTarget)
    : { ...target, shown: target.path, uri: `sqlite://${target.path}`, site: `sqlite://${target.path}`, service: '' };

const sql = createSqlConnector<SqliteTarget>({
  name: 'sqlite',
  claims: isSqliteUrl,
  parse: toSqliteTarget,
  resolve: place,
  connect: (target, options) => connectSqlite(target, options),
  describeError: (error) => describeSqliteError(error),
  origin(target, table, column) {
    const { shown, uri, site, service } = placed(target);
    const name = `${table.schema}.${table.table}.${column.name}`;
    return {
      siteKind: 'column',
      path: `${shown}#${name}`,
      source: target.display,
      uri: `${uri}#${name}`,
      siteUri: `${site}#${name}`,
      defaultService: service,
      target: target.display,
    };
  },
  tableId: (target, table) => `${placed(target).uri}#${table.schema}.${table.table}`,
  schemes: ['sqlite'],
  sitePrefix: (target) => `${placed(target).site}#`,
});

export const sqlite = {
  ...sql,
  check(target: string) {
    try {
      toSqliteTarget(target);
      return undefined;
    } catch (error) {
      const { message } = error as Error;
      return message.startsWith(`${target}: `) ? message.slice(target.length + 2) : message;
    }
  },
  // A database file in a folder is read as a database, never as text.
  async claimsFile(file: string) {
    const isDatabase = hasSqliteName(file) && (await isSqliteFile(file).catch(() => false));
    return isDatabase ? `sqlite://${file}` : undefined;
  },
};
