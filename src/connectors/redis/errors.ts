/**
 * One-line messages for what goes wrong with a Redis source, each saying what to do. Redis's
 * errors start with a word that names them (`WRONGPASS`, `NOPERM`, `LOADING`).
 */
import { describeNetworkError } from '../../errors/network-errors.js';
import { describeUnexpectedError } from '../../errors/unexpected-error.js';

const BY_WORD: Record<string, (message: string, where: string) => string> = {
  WRONGPASS: (m) => `${m}: check the user and password in the URL (or the config source's passwordEnv)`,
  NOAUTH: (_m, where) => `${where} asks for a password and none was given: put it in the URL (redis://:password@host)`,
  NOPERM: (m) => `${m}: allow the scanning user read commands (ACL SETUSER ... +@read)`,
  LOADING: (_m, where) => `${where} is loading its data: scan again when it is up`,
  ERR: (m) => `server error: ${m}`,
};

export function describeRedisError(error: unknown, where: string): string {
  const network = describeNetworkError(error, where);
  if (network !== undefined) return network;
  const e = (error ?? {}) as { message?: unknown; name?: string };
  if (typeof e.message !== 'string') return describeUnexpectedError(error);
  if (e.name === 'ConnectionTimeoutError' || e.name === 'TimeoutError' || e.name === 'SocketTimeoutError')
    return `connection to ${where} timed out`;
  if (/^Socket closed unexpectedly/.test(e.message) || e.name === 'SocketClosedUnexpectedlyError')
    return `the connection to ${where} was lost (is it a Redis server, and does it want TLS: rediss://?)`;
  const word = /^([A-Z]+) /.exec(e.message)?.[1];
  if (word !== undefined && word in BY_WORD)
    return BY_WORD[word]!(e.message.replace(/^ERR /, '').replace(/\.$/, ''), where);
  return describeUnexpectedError(error);
}
