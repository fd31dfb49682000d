/**
 * One-line messages for the file-system, gzip and CSV errors a user can act on. Anything else is a bug
 * or an unexpected state and is rethrown, never swallowed.
 */
import { CSV_RECORD_TOO_LONG } from './csv-reader.js';

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
};

export function describeFsError(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'Z_BUF_ERROR' || message === 'unexpected end of file') return 'truncated gzip data (unexpected end of file)';
  if (code === 'Z_DATA_ERROR') return `corrupt gzip data (${message})`;
  if (code === CSV_RECORD_TOO_LONG) return message;
  if (code !== undefined && code in MESSAGES) return MESSAGES[code]!;
  throw error;
}
