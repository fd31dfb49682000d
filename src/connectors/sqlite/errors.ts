/**
 * One-line messages for what goes wrong with a SQLite file, each saying what to do. SQLite's result
 * codes come on node:sqlite's errors as `errcode` (the extended code: its low byte is the primary
 * one). Messages never hold the file's path (the source line names the target) or a value.
 */
import { describeFsError } from '../../errors/fs-errors.js';
import { describeUnexpectedError } from '../../errors/unexpected-error.js';

interface SqliteError {
  code?: string;
  errcode?: number;
  errstr?: string;
  message?: string;
  encrypted?: boolean;
}

/** What lets a user read a SQLite database: it has no grants, only its files' permissions. */
export const READ_ACCESS =
  'give the scanning user read access to the file (and to its -wal and -shm files if they exist)';

const COPY = 'scan a copy made with `sqlite3 app.db .backup copy.db`';

/** By primary result code (https://sqlite.org/rescode.html). */
const BY_CODE: Record<number, (e: SqliteError) => string> = {
  5: () => `the database is locked by a writer that did not let go in time: scan again, or ${COPY}`,
  6: () => `the database is locked: scan again, or ${COPY}`,
  8: () =>
    `a live WAL database whose -shm file this user cannot use: give the scanning user read access to the -wal and -shm files, or ${COPY}`,
  10: (e) =>
    `input/output error reading the database (${e.errstr ?? e.message}): is the file on a failing or network disk?`,
  11: () =>
    'the database file is corrupt (malformed), or was being written while it was read: check it with `sqlite3 app.db "PRAGMA integrity_check"`, or scan again',
  14: () => `cannot open the database file: check that it exists, and ${READ_ACCESS}`,
  23: () => 'access to the database was refused by an authoriser',
  26: () => 'not a SQLite database (or an encrypted one: decrypt a copy to scan it)',
};

const NO_SUCH_MODULE = /no such module: (\S+)/;

export function describeSqliteError(error: unknown): string {
  const e = (error ?? {}) as SqliteError;
  if (e.code === 'PIISCAN_SQLITE_NOT_DATABASE') {
    return e.encrypted
      ? 'no SQLite header and the bytes look random: an encrypted database (SQLCipher, SEE)? Decrypt a copy to scan it'
      : 'not a SQLite database (no SQLite header)';
  }
  if (e.code === 'PIISCAN_SQLITE_TIMEOUT')
    return 'statement timeout: reading the table took too long (raise --statement-timeout or sample fewer rows)';
  if (e.code === 'PIISCAN_SQLITE_URL') return e.message ?? 'bad sqlite: URL';
  const module = NO_SUCH_MODULE.exec(e.message ?? '');
  if (module) return `a virtual table of the SQLite module ${module[1]}, which Node's SQLite lacks: not read`;
  if (e.code === 'ERR_SQLITE_ERROR' && typeof e.errcode === 'number') {
    const describe = BY_CODE[e.errcode & 0xff];
    return describe ? describe(e) : `SQLite error ${e.errcode}: ${e.errstr ?? e.message}`;
  }
  if (e.code === 'EACCES' || e.code === 'EPERM') return `permission denied: ${READ_ACCESS}`;
  if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return describeFsError(error);
  return describeUnexpectedError(error);
}
