/** Database targets: which URLs are databases, and how they are shown without their credentials. */
import { maskUrlCredentials } from '../../errors/url-credentials.js';

export interface DatabaseTarget {
  kind: 'postgres' | 'mysql';
  /** The URL as given: used to connect, never shown. */
  url: string;
  /** The URL with its user and password shown as `***`, for reports and messages. */
  display: string;
  /** `host:port`, as in site URIs. */
  authority: string;
  database: string;
}

export function toDatabaseTarget(url: string): DatabaseTarget {
  const parsed = new URL(url);
  const kind = /^postgres/i.test(parsed.protocol) ? 'postgres' : 'mysql';
  const path = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  // PostgreSQL defaults the database to the user name; a MySQL URL without one means every database.
  const database = path || (kind === 'postgres' ? decodeURIComponent(parsed.username) || 'postgres' : '');
  const port = parsed.port || (kind === 'postgres' ? '5432' : '3306');
  return { kind, url, display: maskUrlCredentials(url), authority: `${parsed.hostname}:${port}`, database };
}
