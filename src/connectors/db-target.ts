/** Database targets: which URLs are databases, and how they are shown without their password. */

export interface DatabaseTarget {
  kind: 'postgres';
  /** The URL as given: used to connect, never shown. */
  url: string;
  /** The URL without password, for reports and messages. */
  display: string;
  /** `host:port`, as in site URIs. */
  authority: string;
  database: string;
}

export function isDatabaseUrl(target: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(target);
}

export function toDatabaseTarget(url: string): DatabaseTarget {
  const parsed = new URL(url);
  const display = new URL(url);
  display.password = '';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || decodeURIComponent(parsed.username) || 'postgres';
  return { kind: 'postgres', url, display: display.toString(), authority: `${parsed.hostname}:${parsed.port || '5432'}`, database };
}
