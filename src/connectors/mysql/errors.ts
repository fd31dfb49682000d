/**
 * One-line messages for what goes wrong with a MySQL or MariaDB source, each saying what to do.
 * Errors that are neither network nor server errors are described with their code and message.
 */
import { describeNetworkError } from '../../errors/network-errors.js';
import { describeUnexpectedError } from '../../errors/unexpected-error.js';

interface MysqlError {
  code?: string;
  errno?: number;
  message: string;
  sqlState?: string;
}

const BY_CODE: Record<string, (e: MysqlError, where: string) => string> = {
  ER_ACCESS_DENIED_ERROR: (e) => `${e.message}: check the user and password (in the URL or MYSQL_PWD)`,
  ER_DBACCESS_DENIED_ERROR: (e) => `${e.message}: grant the scanning user access to it`,
  ER_BAD_DB_ERROR: (e) => `${e.message}: check the database name in the URL`,
  ER_TABLEACCESS_DENIED_ERROR: (e) => `${e.message}: the scanning user needs SELECT on it (skipped)`,
  ER_COLUMNACCESS_DENIED_ERROR: (e) => `${e.message}: the scanning user needs SELECT on it (skipped)`,
  ER_NO_SUCH_TABLE: () => 'the table no longer exists (dropped during the scan)',
  ER_STATEMENT_TIMEOUT: () =>
    'statement timeout: reading the table took too long (raise --statement-timeout or sample fewer rows)',
  ER_QUERY_TIMEOUT: () =>
    'statement timeout: reading the table took too long (raise --statement-timeout or sample fewer rows)',
  ER_LOCK_WAIT_TIMEOUT: () => 'lock timeout: the table is locked by another session',
  PIISCAN_SSL_MODE: (e) => e.message,
  HANDSHAKE_NO_SSL_SUPPORT: () => 'the server does not support TLS, but the URL asks for it (ssl-mode)',
  PROTOCOL_CONNECTION_LOST: (e, where) => `the connection to ${where} was lost: ${e.message}`,
  ER_CONNECTION_KILLED: (e) => `the server ended the connection (${e.message})`,
};

/** mysql2's error (no code) for a query on a connection that broke before. */
const CLOSED = /connection is in closed state/i;

/** Server errors mysql2 does not name (MariaDB's own), by number. */
const BY_ERRNO: Record<number, string> = {
  1969: 'ER_STATEMENT_TIMEOUT',
  3024: 'ER_QUERY_TIMEOUT',
  1146: 'ER_NO_SUCH_TABLE',
  1142: 'ER_TABLEACCESS_DENIED_ERROR',
  1927: 'ER_CONNECTION_KILLED',
};

export function describeMysqlError(error: unknown, where: string): string {
  const network = describeNetworkError(error, where);
  if (network !== undefined) return network;
  const e = (error ?? {}) as MysqlError;
  if (typeof e.message !== 'string') return describeUnexpectedError(error);
  const code =
    e.code !== undefined && e.code in BY_CODE ? e.code : e.errno !== undefined ? BY_ERRNO[e.errno] : undefined;
  if (code !== undefined) return BY_CODE[code]!(e, where);
  if (CLOSED.test(e.message)) return `the connection to ${where} was lost: ${e.message}`;
  if (e.sqlState !== undefined) return `server error ${e.code ?? e.sqlState}: ${e.message}`;
  return describeUnexpectedError(error);
}
