/**
 * One-line messages for what goes wrong with a PostgreSQL source, each saying what to do. Errors
 * that are neither network nor server errors are described with their code and message.
 */
import { describeNetworkError } from '../../errors/network-errors.js';
import { describeUnexpectedError } from '../../errors/unexpected-error.js';

interface PgError {
  code?: string;
  message: string;
}

const BY_CODE: Record<string, (e: PgError, where: string) => string> = {
  '28P01': (e) => `${e.message}: check the password (in the URL, PGPASSWORD, or the config source's passwordEnv)`,
  '28000': (e) => `connection rejected: ${e.message}`,
  '3D000': (e) => `${e.message}: check the database name in the URL`,
  '42501': (e) => `${e.message}: the scanning user needs SELECT on it (skipped)`,
  '57014': () => 'statement timeout: reading the table took too long (raise --statement-timeout or sample fewer rows)',
  '55P03': () => 'lock timeout: the table is locked by another session',
  '42P01': () => 'the table no longer exists (dropped during the scan)',
  '22021': (e) => `invalid encoding in a value: ${e.message}`,
  '57P01': (e) => `the server ended the connection (${e.message})`,
};

/** node-postgres's own errors (no SQLSTATE) for a connection that broke or was already broken. */
/** node-postgres's error when the server asks for a password (SCRAM or md5) and none was given. */
const NO_PASSWORD = /password must be a string/;

const CONNECTION_LOST = /^(?:Connection terminated|Client has encountered a connection error|Client was closed)/;

export function describePostgresError(error: unknown, where: string): string {
  const network = describeNetworkError(error, where);
  if (network !== undefined) return network;
  const e = (error ?? {}) as PgError;
  if (typeof e.message !== 'string') return describeUnexpectedError(error);
  if (e.code !== undefined && e.code in BY_CODE) return BY_CODE[e.code]!(e, where);
  if (NO_PASSWORD.test(e.message))
    return `the server at ${where} asks for a password and none was given: put it in the URL, PGPASSWORD, or the config source's passwordEnv`;
  if (CONNECTION_LOST.test(e.message)) return `the connection to ${where} was lost: ${e.message}`;
  if (/does not support SSL/i.test(e.message))
    return 'the server does not support TLS, but the URL asks for it (sslmode)';
  if (/^[0-9A-Z]{5}$/.test(e.code ?? '')) return `server error ${e.code}: ${e.message}`;
  return describeUnexpectedError(error);
}
