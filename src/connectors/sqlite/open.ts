/**
 * Opens a SQLite file strictly read only, creating and writing nothing, also next to a WAL
 * database and in a read-only folder.
 *
 * `readOnly` alone (SQLite's `mode=ro`) is not enough: a reader of a WAL database creates its
 * `-wal` and `-shm` files when they are absent and leaves them behind. So a file is opened with the
 * URI parameter `immutable=1` (no locks, no files, nothing but reads of the file itself), except a
 * WAL database whose `-wal` and `-shm` files exist: a writer is live (or died), its latest commits
 * may sit in the `-wal` file only, and `immutable=1` would not see them. That one is opened with
 * `mode=ro`, which uses the existing files and creates none; WAL readers never block its writer.
 * The cost of `immutable=1` is a rollback-journal database written during the scan: a table may be
 * read as it was mid-write (a corrupt-page error, or old and new rows mixed), where `mode=ro` would
 * take a shared lock and stall the owning application's writes for as long as a table is read.
 */
import type { DatabaseSync } from 'node:sqlite';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isSqliteHeader } from './target.js';
import { readHead } from '../file-reader.js';
import { loadSqlite } from './load.js';

/** Bytes read to recognise the file: the header page's start, enough to tell random bytes from structure. */
const SNIFF_BYTES = 4096;
/** Header bytes 18 and 19 (write and read format versions) are 2 in WAL mode. */
const WAL_VERSION = 2;

/** Thrown for a file that is no SQLite database; `encrypted` when its bytes look random. */
export class NotSqliteError extends Error {
  readonly code = 'PIISCAN_SQLITE_NOT_DATABASE';
  constructor(readonly encrypted: boolean) {
    super(encrypted ? 'file looks encrypted' : 'file is not a database');
  }
}

/** Shannon entropy of the bytes, in bits per byte: near 8 for encrypted (or compressed) data. */
function entropy(bytes: Uint8Array): number {
  const counts = new Array<number>(256).fill(0);
  for (const b of bytes) counts[b]!++;
  let bits = 0;
  for (const n of counts) if (n > 0) bits -= (n / bytes.length) * Math.log2(n / bytes.length);
  return bits;
}

/** The URI SQLite opens the file with (see the module comment for the choice). */
export function toOpenUri(file: string, head: Uint8Array): string {
  const absolute = path.resolve(file);
  const wal = head[18] === WAL_VERSION && head[19] === WAL_VERSION;
  const live = wal && existsSync(`${absolute}-wal`) && existsSync(`${absolute}-shm`);
  const url = pathToFileURL(absolute);
  url.searchParams.set(live ? 'mode' : 'immutable', live ? 'ro' : '1');
  return url.href;
}

/**
 * Opens the database read only. Integers come as bigint (a 19-digit number stays exact) and rows
 * as arrays. `busyTimeoutMs` bounds the wait for a live WAL database's writer (its recovery).
 */
export async function openSqlite(file: string, busyTimeoutMs: number): Promise<DatabaseSync> {
  const head = await readHead(file, SNIFF_BYTES);
  if (!isSqliteHeader(head)) throw new NotSqliteError(head.length >= 512 && entropy(head) > 7.5);
  const { DatabaseSync } = await loadSqlite();
  const db = new DatabaseSync(toOpenUri(file, head), {
    readOnly: true,
    timeout: busyTimeoutMs,
    readBigInts: true,
    returnArrays: true,
  });
  // A second guard: a statement that would write fails, whatever the file's permissions.
  db.exec('PRAGMA query_only = 1');
  return db;
}
