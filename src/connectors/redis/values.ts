/**
 * A key's values by its type, read with read-only commands in pages so that a large hash, list,
 * set, sorted set or stream never sits in memory whole: strings whole (GET), hashes field by field
 * (HSCAN, the field's name with each value), lists by ranges (LRANGE), sets and sorted sets by
 * cursor (SSCAN, ZSCAN: the members), streams by id ranges (XRANGE, each entry's field names).
 */
import type { RedisClientType } from 'redis';

/** Items asked for per page of a collection. */
export const PAGE = 500;

/** The client as this connector uses it (any modules, RESP2). */
export type Client = RedisClientType;

/** Takes one value of a key: its field name (hashes, streams) or undefined, and the value. */
export type OnValue = (field: string | undefined, value: string) => void;

/** The key types whose values are read; others (modules' types) are skipped and counted. */
export const READ_TYPES = new Set(['string', 'hash', 'list', 'set', 'zset', 'stream']);

async function readHash(client: Client, key: string, onValue: OnValue): Promise<void> {
  let cursor = '0';
  do {
    const page = await client.hScan(key, cursor, { COUNT: PAGE });
    for (const { field, value } of page.entries) onValue(field, value);
    cursor = page.cursor;
  } while (cursor !== '0');
}

async function readList(client: Client, key: string, onValue: OnValue): Promise<void> {
  for (let start = 0; ; start += PAGE) {
    const items = await client.lRange(key, start, start + PAGE - 1);
    for (const item of items) onValue(undefined, item);
    if (items.length < PAGE) return;
  }
}

async function readSet(client: Client, key: string, onValue: OnValue, sorted: boolean): Promise<void> {
  let cursor = '0';
  do {
    if (sorted) {
      const page = await client.zScan(key, cursor, { COUNT: PAGE });
      for (const { value } of page.members) onValue(undefined, value);
      cursor = page.cursor;
    } else {
      const page = await client.sScan(key, cursor, { COUNT: PAGE });
      for (const member of page.members) onValue(undefined, member);
      cursor = page.cursor;
    }
  } while (cursor !== '0');
}

async function readStream(client: Client, key: string, onValue: OnValue): Promise<void> {
  let start = '-';
  for (;;) {
    const entries = (await client.xRange(key, start, '+', { COUNT: PAGE })) ?? [];
    for (const { message } of entries) for (const [field, value] of Object.entries(message)) onValue(field, value);
    if (entries.length < PAGE) return;
    // The next page starts after the last id read (an exclusive range).
    start = `(${entries.at(-1)!.id}`;
  }
}

/** Reads a key's values, given its type (one of READ_TYPES). */
export async function readKeyValues(client: Client, key: string, type: string, onValue: OnValue): Promise<void> {
  if (type === 'string') {
    const value = await client.get(key);
    if (value !== null) onValue(undefined, value);
  } else if (type === 'hash') await readHash(client, key, onValue);
  else if (type === 'list') await readList(client, key, onValue);
  else if (type === 'set' || type === 'zset') await readSet(client, key, onValue, type === 'zset');
  else if (type === 'stream') await readStream(client, key, onValue);
}
