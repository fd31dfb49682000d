/**
 * Reads a Redis database: SCAN in pages (never KEYS), each key's values by its type, every value
 * of a key group's keys one column of values (a hash's or stream's field its own), named by the
 * field or by the group's last word. Key names are read too: an address in a key is a leak. With
 * a sample size, each group keeps a seeded sample of its keys while the scan lists them, and the
 * picks are read once it is done.
 */
import picomatch from 'picomatch';
import { toObjectCoverage, type RecordOrigin } from '../records.js';
import { emptyResult, type RecordSink, type SourceResult } from '../contract.js';
import { BATCH_ROWS, createColumnBatches, isBatchEnd } from '../column-batches.js';
import { describeRedisError } from './errors.js';
import { createGroupSample } from '../group-sample.js';
import { toKeyGroup, toKeyHint } from './key-group.js';
import { READ_TYPES, readKeyValues, type Client } from './values.js';
import { redisSitePrefix, type RedisTarget } from './target.js';
import type { RedisOptions, RedisUnit } from './options.js';

/** Keys asked for per SCAN page. */
const SCAN_COUNT = 1000;

/** Column batches keyed by key group and field: one column each. */
function createKeyColumns(target: RedisTarget, unit: RedisUnit, sink: RecordSink) {
  const columns: Array<{ origin: RecordOrigin; name: string }> = [];
  const batches = createColumnBatches(columns, sink);
  const index = new Map<string, number>();
  const prefix = redisSitePrefix(target);
  return {
    batches,
    /** The column of a group's values (field undefined), a field's values, or its key names (`key`). */
    column: (group: string, field: string | undefined, isKey = false): number => {
      const id = `${group}\0${isKey ? '\0key' : (field ?? '')}`;
      let i = index.get(id);
      if (i !== undefined) return i;
      const uri = `${prefix}${group}`;
      // Hash and stream fields are sites of their own, as JSON paths are; field names that vary by id are grouped.
      const path = field === undefined || isKey ? undefined : `$.${toKeyGroup(field)}`;
      const origin: RecordOrigin = {
        siteKind: 'object',
        path: uri,
        source: unit.source,
        uri,
        siteUri: uri,
        defaultService: toKeyHint(group.split(':')[0]!),
        target: unit.target,
        ...(path ? { jsonPath: path } : {}),
      };
      index.set(id, (i = columns.length));
      columns.push({ origin, name: isKey ? 'key' : (field ?? toKeyHint(group)) });
      return i;
    },
  };
}

/** Reads one database's keys into the sink; the result holds its coverage and errors. */
export async function readDatabase(
  client: Client,
  { target, unit, sink, options }: { target: RedisTarget; unit: RedisUnit; sink: RecordSink; options: RedisOptions },
): Promise<SourceResult> {
  const result = emptyResult();
  const coverage = toObjectCoverage(unit.target, { sampleObjects: options.sampleKeys, seed: options.seed });
  const { batches, column } = createKeyColumns(target, unit, sink);
  const included = options.include.length > 0 ? picomatch(options.include, { dot: true }) : () => true;
  const excluded = options.exclude.length > 0 ? picomatch(options.exclude, { dot: true }) : () => false;
  const sample = createGroupSample<string>(options.sampleKeys, options.seed);
  const groups = new Set<string>();
  const denied = new Set<string>();
  const skip = (reason: string) => (coverage.skipped[reason] = (coverage.skipped[reason] ?? 0) + 1);
  let rows = 0;
  let values = 0;
  const readKey = async (key: string, group: string) => {
    const row = rows + 1;
    const type = await client.type(key);
    if (!READ_TYPES.has(type)) return void skip(type === 'none' ? 'deleted during the scan' : `type ${type}`);
    rows = row;
    batches.add(column(group, undefined, true), key, row);
    await readKeyValues(client, key, type, {
      value(field, value) {
        if (value !== '') batches.add(column(group, field), value, row);
        // A large hash, list or set is handed over as it is read, never collected whole.
        if (++values % BATCH_ROWS === 0) coverage.bytes += batches.flush();
      },
      page: () => sink.wait(),
    });
    coverage.objectsScanned++;
    if (isBatchEnd(row)) coverage.bytes += batches.flush();
    await sink.wait();
  };
  const tryKey = async (key: string, group: string) => {
    try {
      await readKey(key, group);
    } catch (error) {
      // A key the user may not read is counted and named by its group; anything else ends the read.
      if (!/^NOPERM /.test((error as Error).message)) throw error;
      skip('permission denied');
      denied.add(group);
    }
  };
  try {
    let cursor = '0';
    do {
      const page = await client.scan(cursor, { COUNT: SCAN_COUNT });
      cursor = page.cursor;
      for (const key of page.keys) {
        coverage.objectsListed++;
        if (!included(key) || excluded(key)) {
          skip('excluded');
          continue;
        }
        const group = toKeyGroup(key);
        if (options.sampleKeys > 0) sample.offer(group, key);
        else await tryKey(key, (groups.add(group), group));
      }
    } while (cursor !== '0');
    const picks = sample.picks().sort((a, b) => (a.item < b.item ? -1 : 1));
    for (const { group, item } of picks) await tryKey(item, group);
  } catch (error) {
    result.errors.push({ source: unit.source, message: describeRedisError(error, target.authority) });
  } finally {
    coverage.bytes += batches.flush();
  }
  if (denied.size > 0)
    result.errors.push({
      source: unit.source,
      message: `permission denied for ${coverage.skipped['permission denied']} keys of ${[...denied].sort().join(', ')}, not read: allow the scanning user to read them (ACL SETUSER <user> ~<pattern> +@read)`,
    });
  coverage.groups = options.sampleKeys > 0 ? sample.groups() : groups.size;
  coverage.sampled = sample.sampled();
  return { ...result, bytes: coverage.bytes, rows, objects: [coverage], read: coverage.objectsScanned > 0 };
}
