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

/** Where a key's values go: each with its field name (hashes, streams) or undefined; after each page, a pause. */
export interface ValueSink {
  value(field: string | undefined, value: string): void;
  /** Called after each page: a promise while what was read waits to be scanned. */
  page(): Promise<void> | undefined;
}

/** The key types whose values are read; others (modules' types) are skipped and counted. */
export const READ_TYPES = new Set(['string', 'hash', 'list', 'set', 'zset', 'stream']);

async function readHash(client: Client, key: string, out: ValueSink): Promise<void> {
  let cursor = '0';
  do {
    const page = await client.hScan(key, cursor, { COUNT: PAGE });
    for (const { field, value } of page.entries) out.value(field, value);
    cursor = page.cursor;
    await out.page();
  } while (cursor !== '0');
}

async function readList(client: Client, key: string, out: ValueSink): Promise<void> {
  for (let start = 0; ; start += PAGE) {
    const items = await client.lRange(key, start, start + PAGE - 1);
    for (const item of items) out.value(undefined, item);
    if (items.length < PAGE) return;
    await out.page();
  }
}

async function readSet(client: Client, key: string, out: ValueSink, sorted: boolean): Promise<void> {
  let cursor = '0';
  do {
    if (sorted) {
      const page = await client.zScan(key, cursor, { COUNT: PAGE });
      for (const { value } of page.members) out.value(undefined, value);
      cursor = page.cursor;
    } else {
      const page = await client.sScan(key, cursor, { COUNT: PAGE });
      for (const member of page.members) out.value(undefined, member);
      cursor = page.cursor;
    }
    await out.page();
  } while (cursor !== '0');
}

async function readStream(client: Client, key: string, out: ValueSink): Promise<void> {
  let start = '-';
  for (;;) {
    const entries = (await client.xRange(key, start, '+', { COUNT: PAGE })) ?? [];
    for (const { message } of entries) for (const [field, value] of Object.entries(message)) out.value(field, value);
    if (entries.length < PAGE) return;
    await out.page();
    // The next page starts after the last id read (an exclusive range).
    start = `(${entries.at(-1)!.id}`;
  }
}

/** Reads a key's values, given its type (one of READ_TYPES). */
export async function readKeyValues(client: Client, key: string, type: string, out: ValueSink): Promise<void> {
  if (type === 'string') {
    const value = await client.get(key);
    if (value !== null) out.value(undefined, value);
  } else if (type === 'hash') await readHash(client, key, out);
  else if (type === 'list') await readList(client, key, out);
  else if (type === 'set' || type === 'zset') await readSet(client, key, out, type === 'zset');
  else if (type === 'stream') await readStream(client, key, out);
}
