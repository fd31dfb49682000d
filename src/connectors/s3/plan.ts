/**
 * Plans an S3 target: the shared object-store planning (object-store/plan.ts: filters, groups,
 * sampling) over ListObjectsV2 pages, archived storage classes skipped with the restore they need.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { SourceResult } from '../contract.js';
import { ARCHIVED_CLASSES, describeS3Error, listObjects, type S3ConnectOptions, type S3Object } from './client.js';
import type { S3Target } from './target.js';
import {
  createObjectFilter as createStoredObjectFilter,
  planObjects,
  type ObjectPlanOptions,
  type StoredObject,
} from '../object-store/plan.js';
import type { StoredObjectUnit } from '../object-store/read.js';

export interface S3Options extends S3ConnectOptions, ObjectPlanOptions {
  /** Objects per listing page (S3 gives at most 1000). */
  pageSize?: number;
  /** `s3://bucket/path/manifest.json` of an S3 Inventory report, listed instead of the bucket (inventory.ts). */
  inventory?: string;
  /** Called before each object is read on the main thread (tests change the bucket meanwhile). */
  onObject?: (key: string) => void | Promise<void>;
}

/** One object to read, and the group it is a site of. */
export interface ObjectUnit extends StoredObjectUnit {
  bucket: string;
}

/** A listed S3 object as the shared planning sees it: an archived one cannot be read until restored. */
function toStoredObject(object: S3Object): StoredObject {
  return ARCHIVED_CLASSES.has(object.storageClass)
    ? { ...object, unreadable: `archived (${object.storageClass}): restore to scan` }
    : object;
}

/** Why a listed object is not read (excluded, archived, over the size cap), or undefined when it is read. */
export function createObjectFilter(
  bucket: string,
  options: Pick<S3Options, 'include' | 'exclude' | 'excludeUris' | 'maxObjectBytes'>,
): (object: S3Object) => string | undefined {
  const filter = createStoredObjectFilter(`s3://${bucket}`, options);
  return (object) => filter(toStoredObject(object));
}

async function* listStoredObjects(client: S3Client, target: S3Target, options: S3Options) {
  const objects = options.inventory
    ? (await import('./inventory.js')).listInventory(client, options.inventory, target)
    : listObjects(client, target, options.pageSize);
  for await (const object of objects) yield toStoredObject(object);
}

export function planBucket(
  target: S3Target,
  client: S3Client,
  options: S3Options,
): AsyncGenerator<ObjectUnit, SourceResult> {
  const root = `s3://${target.bucket}`;
  const listing = {
    connector: 's3',
    root,
    display: target.display,
    objects: listStoredObjects(client, target, options),
    describeError: (error: unknown) => describeS3Error(error, root, options.endpoint ?? 'S3'),
  };
  return planObjects(listing, options, (unit) => ({ ...unit, bucket: target.bucket }));
}
