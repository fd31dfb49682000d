/**
 * Planning an object store's target (S3, Azure Blob Storage), whatever the store: the listing,
 * page by page, is filtered (excluded, unreadable, over the size cap), keys that differ only by
 * dates, partitions, numbers or ids are grouped, and, when asked, each group is sampled. Without
 * sampling, objects are planned as they are listed; with it, each group keeps a seeded reservoir
 * and its picks are planned once the listing is done, in key order.
 */
import picomatch from 'picomatch';
import { toObjectCoverage } from '../records.js';
import { emptyResult, type SourceResult } from '../contract.js';
import { createGroupSample } from '../group-sample.js';
import { toObjectGroup } from '../object-group.js';
import { formatBytes } from '../../errors/format-bytes.js';
import { textBytes } from '../file-group.js';
import type { StoredObjectUnit } from './read.js';

/** How a store's targets are listed and sampled (the S3 and Azure options share these). */
export interface ObjectPlanOptions {
  /** Objects read at the same time. */
  concurrency: number;
  /** Globs over object keys; empty includes everything. */
  include: string[];
  exclude: string[];
  /** The config's `exclude`: globs over location URIs (`s3://bucket/key`, `az://account/container/key`). */
  excludeUris?: readonly string[];
  /** Objects larger than this are skipped and counted. */
  maxObjectBytes: number;
  /** Objects read per group; 0 reads every object. */
  sampleObjects: number;
  seed: number;
}

/** A listed object, as much as planning needs. */
export interface StoredObject {
  key: string;
  size: number;
  /** Why it cannot be read as it is (archived: restore it first), if so. */
  unreadable?: string;
  /** When it was last written (ISO 8601), from the listing. */
  modifiedAt?: string;
}

/** A store's listing of one target, as planning sees it. */
export interface ObjectListing {
  /** The connector that reads the units (its registry name). */
  connector: string;
  /** The container's URI, objects' location URIs being `${root}/${key}` (`s3://bucket`). */
  root: string;
  /** The target as reports show it. */
  display: string;
  objects: AsyncIterable<StoredObject>;
  /** One line for a listing failure. */
  describeError(error: unknown): string;
}

/** Why a listed object is not read (excluded, unreadable, over the size cap), or undefined when it is read. */
export function createObjectFilter(
  root: string,
  options: Pick<ObjectPlanOptions, 'include' | 'exclude' | 'excludeUris' | 'maxObjectBytes'>,
): (object: StoredObject) => string | undefined {
  const included = options.include.length > 0 ? picomatch(options.include, { dot: true }) : () => true;
  const excluded = options.exclude.length > 0 ? picomatch(options.exclude, { dot: true }) : () => false;
  const excludedUri = options.excludeUris?.length ? picomatch([...options.excludeUris], { dot: true }) : () => false;
  return (object) => {
    if (!included(object.key) || excluded(object.key) || excludedUri(`${root}/${object.key}`)) return 'excluded';
    if (object.unreadable !== undefined) return object.unreadable;
    if (object.size > options.maxObjectBytes) return `over the ${formatBytes(options.maxObjectBytes)} size cap`;
    return undefined;
  };
}

/** The unit of a listed object, as every store plans it; a store adds what its reads need. */
function toStoredObjectUnit(listing: ObjectListing, object: StoredObject, group: string): StoredObjectUnit {
  const uri = `${listing.root}/${object.key}`;
  return {
    id: `${listing.connector}:${uri}`,
    connector: listing.connector,
    target: listing.display,
    source: uri,
    size: { bytes: textBytes(object.key, object.size) },
    key: object.key,
    group,
    length: object.size,
    ...(object.modifiedAt ? { modifiedAt: object.modifiedAt } : {}),
  };
}

/** Yields a unit per object to read (`toUnit` adds the store's fields), returns what planning found. */
export async function* planObjects<U>(
  listing: ObjectListing,
  options: ObjectPlanOptions,
  toUnit: (unit: StoredObjectUnit) => U,
): AsyncGenerator<U, SourceResult> {
  const coverage = toObjectCoverage(listing.display, { sampleObjects: options.sampleObjects, seed: options.seed });
  const result: SourceResult = { ...emptyResult(), objects: [coverage] };
  const skipReason = createObjectFilter(listing.root, options);
  const groups = new Set<string>();
  const sample = createGroupSample<StoredObject>(options.sampleObjects, options.seed);
  try {
    for await (const object of listing.objects) {
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
        yield toUnit(toStoredObjectUnit(listing, object, group));
        continue;
      }
      sample.offer(group, object);
    }
  } catch (error) {
    result.errors.push({ source: listing.display, message: listing.describeError(error) });
  }
  coverage.groups = options.sampleObjects === 0 ? groups.size : sample.groups();
  coverage.sampled = sample.sampled();
  for (const { group, item } of sample.picks().sort((a, b) => (a.item.key < b.item.key ? -1 : 1)))
    yield toUnit(toStoredObjectUnit(listing, item, group));
  return result;
}
