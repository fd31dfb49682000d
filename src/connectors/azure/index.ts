/**
 * Azure Blob Storage and ADLS Gen2: `az://account/container/prefix` or
 * `abfss://container@account.dfs.core.windows.net/path`. The same formats, object groups, sampling
 * and failures as S3 (object-store/): plan() lists and groups the blobs (a blob larger than
 * `--split-size` planned as byte ranges, object-store/ranges.ts), read() reads one. The
 * Azure SDK is loaded only when a container is planned or read.
 */
import type { ContainerClient } from '@azure/storage-blob';
import type { Connector } from '../contract.js';
import type { RowSample } from '../parquet/row-ranges.js';
import type { ObjectPlanOptions } from '../object-store/plan.js';
import type { StoredObjectUnit } from '../object-store/read.js';
import type { AzureConnectOptions } from './client.js';
import { azureScope, checkAzureUrl, isAzureUrl, toAzureTarget } from './target.js';

/** How Azure targets are reached and read. */
export interface AzureOptions extends AzureConnectOptions, ObjectPlanOptions {
  /** Blobs per listing page (Azure gives at most 5000). */
  pageSize?: number;
}

/** One blob to read. */
export interface BlobUnit extends StoredObjectUnit {
  account: string;
  container: string;
}

/** One client per container and way of reaching it, in each thread that reads blobs. */
const clients = new Map<string, ContainerClient>();

async function clientFor(target: { account: string; container: string }, options: AzureOptions) {
  const key = JSON.stringify([target.account, target.container, options.endpoint, options.maxTries]);
  let client = clients.get(key);
  if (client === undefined) {
    const { createContainerClient } = await import('./client.js');
    clients.set(key, (client = await createContainerClient(target, options)));
  }
  return client;
}

export const azure: Connector<BlobUnit, { azure: AzureOptions; database: RowSample; splitBytes?: number }> = {
  name: 'azure',
  claims: isAzureUrl,
  display: (target) => toAzureTarget(target).display,
  async *plan(target, { azure: options, splitBytes }) {
    const { planContainer } = await import('./plan.js');
    const { splitObjects } = await import('../object-store/ranges.js');
    const parsed = toAzureTarget(target);
    return yield* splitObjects(
      planContainer(parsed, () => clientFor(parsed, options), options),
      splitBytes,
    );
  },
  async read(unit, sink, { azure: options, database }) {
    const { readBlob } = await import('./plan.js');
    return readBlob(await clientFor(unit, options), unit, sink, { options, sample: database });
  },
  threads: 'unit',
  lanes: ({ azure: options }) => options.concurrency,
  async close() {
    clients.clear();
  },
  nothingRead: 'nothing to read: no blob under it was read (no blobs, or every one skipped)',
  units: 'objects',
  schemes: ['az', 'abfss'],
  check: checkAzureUrl,
  scope: async (target) => azureScope(target),
};
