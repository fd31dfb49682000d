/**
 * S3 and S3-compatible stores: `s3://bucket/prefix`. plan() lists and groups the objects (and
 * samples each group when asked); read() streams one object by its format. The AWS SDK is loaded
 * only when a bucket is planned or read (it takes a fifth of a second to load).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Connector } from '../contract.js';
import { checkS3Url, isS3Url, objectScope, toS3Target } from './target.js';
import type { ObjectUnit, S3Options } from './plan.js';
import type { RowSample } from '../parquet/row-ranges.js';

export type { S3Options };

/** One client per way of reaching a store, in each thread that reads objects. */
const clients = new Map<string, S3Client>();

async function clientFor(options: S3Options): Promise<S3Client> {
  const { endpoint, region, profile, forcePathStyle, maxAttempts } = options;
  const key = JSON.stringify([endpoint, region, profile, forcePathStyle, maxAttempts]);
  let client = clients.get(key);
  if (client === undefined) {
    const { createS3Client } = await import('./client.js');
    clients.set(key, (client = createS3Client(options)));
  }
  return client;
}

export const s3: Connector<ObjectUnit, { s3: S3Options; database: RowSample; splitBytes?: number }> = {
  name: 's3',
  claims: isS3Url,
  display: (target) => toS3Target(target).display,
  async *plan(target, { s3: options, splitBytes }) {
    const { planBucket } = await import('./plan.js');
    const { splitObjects } = await import('../object-store/ranges.js');
    return yield* splitObjects(planBucket(toS3Target(target), await clientFor(options), options), splitBytes);
  },
  async read(unit, sink, { s3: options, database }) {
    await options.onObject?.(unit.key);
    const { readObject } = await import('./read.js');
    return readObject(await clientFor(options), unit, sink, { where: options.endpoint ?? 'S3', sample: database });
  },
  threads: 'unit',
  lanes: ({ s3: options }) => options.concurrency,
  async close() {
    for (const client of clients.values()) client.destroy();
    clients.clear();
  },
  nothingRead: 'nothing to read: no object under it was read (no objects, or every one skipped)',
  units: 'objects',
  schemes: ['s3'],
  check: checkS3Url,
  scope: async (target) => objectScope(target),
};
