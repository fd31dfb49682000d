/**
 * SQLite targets: which command-line targets name a SQLite file (`sqlite:` URLs), and which files
 * met in a folder walk are SQLite databases (by their header, whatever their name).
 */
import path from 'node:path';
import { readHead } from '../file-reader.js';

/** A SQLite database file to scan. */
export interface SqliteTarget {
  /**
   * The file's path as given: a relative one is opened from the process's working folder, so a
   * caller with another working folder (`run`'s `cwd`) resolves it first.
   */
  path: string;
  /** The target as reports show it: the URL as given, or the path of a file met in a folder walk. */
  display: string;
}

/** The 16 bytes every SQLite 3 database file starts with. */
export const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Names a folder walk sniffs for the header (other files are never opened as databases). */
const EXTENSIONS = new Set(['.db', '.sqlite', '.sqlite3', '.db3']);

export function isSqliteUrl(target: string): boolean {
  return /^sqlite:/i.test(target);
}

const USAGE = 'expected sqlite:///absolute/path/app.db or sqlite:relative/path/app.db';

/**
 * Parses `sqlite:///abs/app.db` (also `sqlite:/abs/app.db` and `sqlite://localhost/abs/app.db`) and
 * `sqlite:relative/app.db` to the file's path, percent-escapes decoded. Refuses another host, a
 * query (piiscan chooses how the file is opened: never for writing) and `:memory:`.
 */
export function toSqliteTarget(url: string): SqliteTarget {
  const rest = url.replace(/^sqlite:/i, '');
  if (/[?#]/.test(rest))
    throw Object.assign(new Error(`${url}: a sqlite: URL takes no query or fragment (${USAGE})`), {
      code: 'PIISCAN_SQLITE_URL',
    });
  const authority = /^\/\/([^/]*)(\/.*)?$/.exec(rest);
  if (authority && authority[1] !== '' && authority[1]!.toLowerCase() !== 'localhost') {
    throw Object.assign(new Error(`${url}: a sqlite: URL names a local file, not a host (${USAGE})`), {
      code: 'PIISCAN_SQLITE_URL',
    });
  }
  const encoded = authority ? (authority[2] ?? '') : rest;
  const file = decodeURIComponent(encoded);
  if (file === '' || file === '/' || file === ':memory:')
    throw Object.assign(new Error(`${url}: no database file (${USAGE})`), { code: 'PIISCAN_SQLITE_URL' });
  return { path: file, display: url };
}

/** Whether a folder walk should sniff this file's header (`.db`, `.sqlite`, `.sqlite3`, `.db3`). */
export function hasSqliteName(file: string): boolean {
  return EXTENSIONS.has(path.extname(file).toLowerCase());
}

/** Whether `bytes` start with the SQLite 3 header. */
export function isSqliteHeader(bytes: Uint8Array): boolean {
  return bytes.length >= SQLITE_HEADER.length && SQLITE_HEADER.equals(bytes.subarray(0, SQLITE_HEADER.length));
}

/**
 * True when the file starts with the SQLite 3 header: reads its first 16 bytes only. A file that
 * cannot be read rejects with the file system's error, for the caller to describe.
 */
export async function isSqliteFile(file: string): Promise<boolean> {
  return isSqliteHeader(await readHead(file, SQLITE_HEADER.length));
}
