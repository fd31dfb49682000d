/**
 * ClickHouse targets: `clickhouse://user:pass@host:8123/db` over HTTP, `clickhouses://` over HTTPS
 * (default port 8443). No database: every database but the server's own.
 */
import { maskUrlCredentials } from '../../errors/url-credentials.js';

/** A ClickHouse server and database to scan. */
export interface ClickhouseTarget {
  /** The URL as given: used to connect, never shown. */
  url: string;
  /** The URL with its user and password shown as `***`, for reports and messages. */
  display: string;
  /** `host:port`, as in site URIs. */
  authority: string;
  /** The database to scan, or '' for every one the user sees. */
  database: string;
  /** Where the client connects: `http://host:port` or `https://host:port`. */
  endpoint: string;
  username: string;
  password: string;
}

export const isClickhouseUrl = (target: string): boolean => /^clickhouses?:\/\//i.test(target);

export function toClickhouseTarget(url: string): ClickhouseTarget {
  const parsed = new URL(url);
  const secure = /^clickhouses:/i.test(parsed.protocol);
  const port = parsed.port || (secure ? '8443' : '8123');
  const authority = `${parsed.hostname}:${port}`;
  return {
    url,
    display: maskUrlCredentials(url),
    authority,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    endpoint: `${secure ? 'https' : 'http'}://${authority}`,
    username: decodeURIComponent(parsed.username) || 'default',
    // The password may also come from the environment, as clickhouse-client takes it.
    password: decodeURIComponent(parsed.password) || (process.env['CLICKHOUSE_PASSWORD'] ?? ''),
  };
}
