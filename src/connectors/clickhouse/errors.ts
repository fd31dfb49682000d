/**
 * One-line messages for what goes wrong with a ClickHouse source, each saying what to do. The
 * server's errors come as `Code: N, e.displayText() = DB::Exception: ...` (old servers) or
 * `Code: N. DB::Exception: ...`; the number says what happened.
 */
import { describeNetworkError } from '../../errors/network-errors.js';
import { describeUnexpectedError } from '../../errors/unexpected-error.js';

const TIMEOUT = 'statement timeout: reading the table took too long (raise --statement-timeout or sample fewer rows)';

const BY_CODE: Record<number, (detail: string) => string> = {
  192: (d) => `${d}: check the user name in the URL`,
  193: (d) => `${d}: check the password (in the URL, CLICKHOUSE_PASSWORD, or the config source's passwordEnv)`,
  516: (d) => `${d}: check the user and password (in the URL, CLICKHOUSE_PASSWORD, or the config source's passwordEnv)`,
  195: (d) => `${d}: the server does not accept this user from here (its networks setting)`,
  81: (d) => `${d}: check the database name in the URL`,
  291: (d) =>
    `${d}: allow the scanning user this database (allow_databases, or GRANT SELECT ON db.* on servers with grants)`,
  497: (d) => `${d}: the scanning user needs SELECT on it (skipped)`,
  60: () => 'the table no longer exists (dropped during the scan)',
  159: () => TIMEOUT,
  209: () => TIMEOUT,
  241: (d) => `${d}: the server ran out of memory for this read (sample fewer rows)`,
};

/** The server's error number and message, from the text of a ClickHouse error. */
function toServerError(message: string): { code: number; detail: string } | undefined {
  const match = /Code: (\d+)[.,]\s*(?:e\.displayText\(\) = )?(?:DB::Exception: )?([^\n]*)/.exec(message);
  if (match === null) return undefined;
  const detail = match[2]!.replace(/,? e\.what\(\) = DB::Exception\s*$/, '').replace(/\s*\(version [^)]*\)\s*$/, '');
  return { code: Number(match[1]), detail: detail.replace(/\.$/, '') };
}

export function describeClickhouseError(error: unknown, where: string): string {
  const network = describeNetworkError(error, where);
  if (network !== undefined) return network;
  const e = (error ?? {}) as { message?: unknown; name?: string };
  if (typeof e.message !== 'string') return describeUnexpectedError(error);
  if (/timeout/i.test(e.message) && !/Code: /.test(e.message))
    return `the request to ${where} timed out: is the server overloaded, or raise --statement-timeout`;
  const server = toServerError(e.message);
  if (server === undefined) return describeUnexpectedError(error);
  const describe = BY_CODE[server.code];
  return describe ? describe(server.detail) : `server error ${server.code}: ${server.detail}`;
}
