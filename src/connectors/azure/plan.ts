/** Plans and reads Azure targets with the shared object-store code, over the Azure client. */
import type { ContainerClient } from '@azure/storage-blob';
import type { RecordSink, SourceResult } from '../contract.js';
import { planObjects } from '../object-store/plan.js';
import { readStoredObject } from '../object-store/read.js';
import type { RowSample } from '../parquet/row-ranges.js';
import { listBlobs, openBlob, readBlobRange } from './client.js';
import { describeAzureError } from './errors.js';
import { toContainerUri, type AzureTarget } from './target.js';
import type { AzureOptions, BlobUnit } from './index.js';

/** The blob service as messages name it. */
function endpointOf(target: { account: string }, options: AzureOptions): string {
  return options.endpoint ?? `${target.account}.blob.core.windows.net`;
}

async function* listOrFail(connect: () => Promise<ContainerClient>, prefix: string, pageSize?: number) {
  yield* listBlobs(await connect(), prefix, pageSize);
}

export function planContainer(
  target: AzureTarget,
  connect: () => Promise<ContainerClient>,
  options: AzureOptions,
): AsyncGenerator<BlobUnit, SourceResult> {
  const root = toContainerUri(target);
  const listing = {
    connector: 'azure',
    root,
    display: target.display,
    objects: listOrFail(connect, target.prefix, options.pageSize),
    describeError: (error: unknown) => describeAzureError(error, root, endpointOf(target, options)),
  };
  return planObjects(listing, options, (unit) => ({ ...unit, account: target.account, container: target.container }));
}

/** Reads one blob: a stream, or ranged reads (Parquet, a large blob's byte range). */
export function readBlob(
  client: ContainerClient,
  unit: BlobUnit,
  sink: RecordSink,
  context: { options: AzureOptions; sample: RowSample },
): Promise<SourceResult> {
  const access = {
    root: toContainerUri(unit),
    container: unit.container,
    open: () => openBlob(client, unit.key),
    range: (start: number, end: number) => readBlobRange(client, unit.key, start, end),
    openRange: (start: number, end?: number) => openBlob(client, unit.key, { start, end }),
    describeError: (error: unknown) => describeAzureError(error, unit.source, endpointOf(unit, context.options)),
  };
  return readStoredObject(unit, sink, { access, sample: context.sample });
}
