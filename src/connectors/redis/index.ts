/**
 * Redis: `redis://[user:pass@]host:6379/0` (`rediss://` over TLS). A database is one unit, read by
 * one SCAN; keys that differ only by ids are one site (`redis://host:6379/0/session:*`), and the
 * key's first segment names the service. Only read commands are sent. The client (node-redis) is
 * loaded when a database is scanned.
 */
import type { Connector } from '../contract.js';
import { emptyResult } from '../contract.js';
import type { Client } from './values.js';
import type { RedisOptions, RedisUnit } from './options.js';
import { checkRedisUrl, isRedisUrl, redisSitePrefix, toRedisTarget } from './target.js';

export type { RedisOptions };

/** Clients of the targets being scanned, by the target as shown. */
const opened = new Map<string, Client>();

export const redis: Connector<RedisUnit, { redis: RedisOptions }> = {
  name: 'redis',
  claims: isRedisUrl,
  display: (target) => toRedisTarget(target).display,
  async *plan(given) {
    const target = toRedisTarget(given);
    const { connectRedis } = await import('./connect.js');
    const { describeRedisError } = await import('./errors.js');
    let keys: number;
    try {
      const client = await connectRedis(target);
      opened.set(target.display, client);
      keys = await client.dbSize();
    } catch (error) {
      return {
        ...emptyResult(),
        errors: [{ source: target.display, message: describeRedisError(error, target.authority) }],
      };
    }
    yield {
      id: `redis://${target.authority}/${target.database}`,
      connector: 'redis',
      target: target.display,
      source: target.display,
      size: { rows: keys },
    };
    return emptyResult();
  },
  async read(unit, sink, { redis: options }) {
    const { readDatabase } = await import('./read.js');
    const target = toRedisTarget(unit.target);
    return readDatabase(opened.get(unit.target)!, { target, unit, sink, options });
  },
  threads: 'records',
  lanes: () => 1,
  async close(given) {
    const display = toRedisTarget(given).display;
    const client = opened.get(display);
    opened.delete(display);
    await client?.close().catch(() => undefined);
  },
  nothingRead: 'nothing to read: no key of the database was read (no keys, or every one excluded or denied)',
  units: 'objects',
  schemes: ['redis', 'rediss'],
  check: checkRedisUrl,
  scope: async (given) => {
    const prefix = redisSitePrefix(toRedisTarget(given));
    return (site) => site.kind === 'object' && site.uri.startsWith(prefix);
  },
};
