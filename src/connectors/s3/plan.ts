/**
 * Plans an S3 target: lists the objects under the prefix page by page, skips what cannot or need
 * not be read (archived, over the size cap, excluded), groups keys that differ only by dates,
 * partitions, numbers or ids, and, when asked, samples each group. Without sampling, objects are
 * planned as they are listed; with it, each group keeps a seeded reservoir and its picks are
 * planned once the listing is done, in key order.
 */
import picomatch from 'picomatch';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectCoverage } from '../records.js';
import { emptyResult, type SourceResult, type WorkUnit } from '../contract.js';
import { ARCHIVED_CLASSES, describeS3Error, listObjects, type S3ConnectOptions, type S3Object } from './client.js';
import type { S3Target } from './target.js';
import { createRandom } from '../seeded-random.js';
import { toObjectGroup } from '../object-group.js';
import { textBytes } from '../file-group.js';
import { formatBytes } from '../../errors/format-bytes.js';

export interface S3Options extends S3ConnectOptions {
  /** Objects read at the same time. */
  concurrency: number;
  /** Globs over object keys; empty includes everything. */
  include: string[];
  exclude: string[];
  /** The config's `exclude`: globs over location URIs (`s3://bucket/key`). */
  excludeUris?: readonly string[];
  /** Objects larger than this are skipped and counted. */
  maxObjectBytes: number;
  /** Objects read per group; 0 reads every object. */
  sampleObjects: number;
  seed: number;
  /** Objects per listing page (S3 gives at most 1000). */
  pageSize?: number;
  /** Called before each object is read on the main thread (tests change the bucket meanwhile). */
  onObject?: (key: string) => void | Promise<void>;
}

/** One object to read, and the group it is a site of. */
export interface ObjectUnit extends WorkUnit {
  bucket: string;
  key: string;
  group: string;
}

/** Why a listed object is not read (excluded, archived, over the size cap), or undefined when it is read. */
export function createObjectFilter(
  bucket: string,
  options: Pick<S3Options, 'include' | 'exclude' | 'excludeUris' | 'maxObjectBytes'>,
): (object: S3Object) => string | undefined {
  const included = options.include.length > 0 ? picomatch(options.include, { dot: true }) : () => true;
  const excluded = options.exclude.length > 0 ? picomatch(options.exclude, { dot: true }) : () => false;
  const excludedUri = options.excludeUris?.length ? picomatch([...options.excludeUris], { dot: true }) : () => false;
  return (object) => {
    if (!included(object.key) || excluded(object.key) || excludedUri(`s3://${bucket}/${object.key}`)) return 'excluded';
    if (ARCHIVED_CLASSES.has(object.storageClass)) return `archived (${object.storageClass}): restore to scan`;
    if (object.size > options.maxObjectBytes) return `over the ${formatBytes(options.maxObjectBytes)} size cap`;
    return undefined;
  };
}

/** Up to `size` objects of one group, chosen uniformly as they are listed (reservoir sampling). */
interface Reservoir {
  seen: number;
  picked: S3Object[];
}

function toUnit(target: S3Target, object: S3Object, group: string): ObjectUnit {
  const uri = `s3://${target.bucket}/${object.key}`;
  return {
    id: `s3:${uri}`,
    connector: 's3',
    target: target.display,
    source: uri,
    size: { bytes: textBytes(object.key, object.size) },
    bucket: target.bucket,
    key: object.key,
    group,
  };
}

export async function* planBucket(
  target: S3Target,
  client: S3Client,
  options: S3Options,
): AsyncGenerator<ObjectUnit, SourceResult> {
  const coverage: ObjectCoverage = {
    source: target.display,
    objectsListed: 0,
    objectsScanned: 0,
    groups: 0,
    bytes: 0,
    sampled: false,
    sampleObjects: options.sampleObjects,
    seed: options.seed,
    skipped: {},
  };
  const result: SourceResult = { ...emptyResult(), objects: [coverage] };
  const skipReason = createObjectFilter(target.bucket, options);
  const groups = new Set<string>();
  const reservoirs = new Map<string, Reservoir>();
  const random = createRandom(options.seed);
  try {
    for await (const object of listObjects(client, target, options.pageSize)) {
      if (object.key.endsWith('/')) continue; // a folder marker, not an object
      coverage.objectsListed++;
      const reason = skipReason(object);
      if (reason !== undefined) {
        coverage.skipped[reason] = (coverage.skipped[reason] ?? 0) + 1;
        continue;
      }
      const group = toObjectGroup(object.key);
      if (options.sampleObjects === 0) {
        groups.add(group);
        yield toUnit(target, object, group);
        continue;
      }
      let reservoir = reservoirs.get(group);
      if (reservoir === undefined) reservoirs.set(group, (reservoir = { seen: 0, picked: [] }));
      reservoir.seen++;
      if (reservoir.picked.length < options.sampleObjects) reservoir.picked.push(object);
      else {
        const slot = Math.floor(random() * reservoir.seen);
        if (slot < options.sampleObjects) reservoir.picked[slot] = object;
      }
    }
  } catch (error) {
    result.errors.push({
      source: target.display,
      message: describeS3Error(error, `s3://${target.bucket}`, options.endpoint ?? 'S3'),
    });
  }
  coverage.groups = options.sampleObjects === 0 ? groups.size : reservoirs.size;
  coverage.sampled = [...reservoirs.values()].some((r) => r.seen > r.picked.length);
  const picks = [...reservoirs].flatMap(([group, r]) => r.picked.map((object) => ({ object, group })));
  for (const pick of picks.sort((a, b) => (a.object.key < b.object.key ? -1 : 1)))
    yield toUnit(target, pick.object, pick.group);
  return result;
}
