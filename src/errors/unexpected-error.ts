/**
 * The one line for an error that no connector foresaw (an errno such as ESTALE, a driver's own
 * exception, a bug): its code or name and its message, URL credentials masked. It is reported as
 * the source's error, never swallowed and never allowed to end the scan of the other sources.
 */
import { maskUrlCredentials } from './url-credentials.js';

interface AnyError {
  code?: unknown;
  name?: unknown;
  message?: unknown;
}

export function describeUnexpectedError(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as AnyError;
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : String(error);
  const code =
    typeof e.code === 'string' || typeof e.code === 'number'
      ? String(e.code)
      : typeof e.name === 'string' && e.name !== 'Error'
        ? e.name
        : undefined;
  const line = message.split('\n')[0]!.trim();
  // Node's errno messages start with their code (`ESTALE: stale file handle, read`): said once.
  const text = code !== undefined && line.startsWith(`${code}: `) ? line.slice(code.length + 2) : line;
  return maskUrlCredentials(`unexpected error${code === undefined ? '' : ` ${code}`}: ${text}`);
}
