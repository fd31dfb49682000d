/** Redis targets: `redis://[user:pass@]host:6379/0`, `rediss://` over TLS; the path is the database number. */
import { maskUrlCredentials } from '../../errors/url-credentials.js';

/** A Redis database to scan. */
export interface RedisTarget {
  /** The URL as given: used to connect, never shown. */
  url: string;
  /** The URL with its user and password shown as `***`, for reports and messages. */
  display: string;
  /** `host:port`, as in site URIs. */
  authority: string;
  /** The database number (0 when the URL names none). */
  database: number;
}

export const isRedisUrl = (target: string): boolean => /^rediss?:\/\//i.test(target);

export function toRedisTarget(url: string): RedisTarget {
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/^\//, '');
  return {
    url,
    display: maskUrlCredentials(url),
    authority: `${parsed.hostname}:${parsed.port || '6379'}`,
    database: path === '' ? 0 : Number(path),
  };
}

/** A usage error for a Redis URL that cannot be read as given. */
export function checkRedisUrl(target: string): string | undefined {
  if (!URL.canParse(target)) return 'not a valid URL (a password with / ? # @ or : in it must be percent-encoded)';
  const path = new URL(target).pathname.replace(/^\//, '');
  return /^\d*$/.test(path)
    ? undefined
    : `expected a database number after the host (redis://host:6379/0), not /${path}`;
}

/** The start of the site URIs of a target's keys (`redis://host:6379/0/`). */
export function redisSitePrefix(target: RedisTarget): string {
  return `redis://${target.authority}/${target.database}/`;
}
