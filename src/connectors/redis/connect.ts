/** Connects to a Redis database with node-redis, failing fast: no reconnecting, no queue while offline. */
import { createClient } from 'redis';
import type { Client } from './values.js';
import type { RedisTarget } from './target.js';

const CONNECT_TIMEOUT_MS = 10_000;

export async function connectRedis(target: RedisTarget): Promise<Client> {
  const client = createClient({
    url: target.url,
    // A scan reports a lost server as its error rather than waiting for it to come back.
    socket: { reconnectStrategy: false, connectTimeout: CONNECT_TIMEOUT_MS },
    disableOfflineQueue: true,
  }) as Client;
  // Errors are reported by the command that meets them, not as an event that would end the process.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
