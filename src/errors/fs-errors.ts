/**
 * One-line messages for the file-system, gzip and CSV errors a user can act on. Anything else
 * (an errno not listed here, a bug) is described with its code and message, never swallowed.
 */
import { describeUnexpectedError } from './unexpected-error.js';

/** The `code` of the error a CSV record over the reader's limit raises (its message is one line for the user). */
export const CSV_RECORD_TOO_LONG = 'ERR_CSV_RECORD_TOO_LONG';

const MESSAGES: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder',
  ELOOP: 'symlink loop',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  ENOTDIR: 'a part of the path is not a folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  ESTALE: 'stale file handle: the file changed on the network file system while it was read (scan again)',
  ETIMEDOUT: 'timed out reading it (a network file system that does not answer?)',
  ENXIO: 'no such device or address',
};

export function describeFsError(error: unknown): string {
  const { code, message } = (error ?? {}) as NodeJS.ErrnoException;
  if (code === 'Z_BUF_ERROR' || message === 'unexpected end of file')
    return 'truncated gzip data (unexpected end of file)';
  if (code === 'Z_DATA_ERROR') return `corrupt gzip data (${message})`;
  if (code === CSV_RECORD_TOO_LONG) return message;
  if (code !== undefined && code in MESSAGES) return MESSAGES[code]!;
  return describeUnexpectedError(error);
}
