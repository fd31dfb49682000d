/**
 * Azure Blob Storage, read only: blobs listed page by page, read as a stream or by ranges.
 * Credentials, first found first used: AZURE_STORAGE_CONNECTION_STRING (an emulator such as
 * Azurite, or an account key; its endpoint is used), AZURE_STORAGE_KEY (shared key),
 * AZURE_STORAGE_SAS_TOKEN, else the Azure SDK's default chain (DefaultAzureCredential:
 * environment, workload and managed identity, Azure CLI, developer tools).
 */
import { AnonymousCredential, BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';
import type { StoredObject } from '../object-store/plan.js';
import type { AzureTarget } from './target.js';

/** Where and how to reach blob storage; every field is optional. */
export interface AzureConnectOptions {
  /** Blob service URL of the account (`http://127.0.0.1:10000/devstoreaccount1`); default `https://ACCOUNT.blob.core.windows.net`. */
  endpoint?: string;
  /** Attempts per request, with the SDK's backoff (throttling, 5xx, network). */
  maxTries?: number;
}

function pipelineOptions(options: AzureConnectOptions): StoragePipelineOptions {
  // Few quick retries: an unreachable endpoint is told in seconds, throttling still backs off.
  return { retryOptions: { maxTries: options.maxTries ?? 4, retryDelayInMs: 500, maxRetryDelayInMs: 4000 } };
}

/** A client of the target's container, with the first credentials the environment offers. */
export async function createContainerClient(
  target: Pick<AzureTarget, 'account' | 'container'>,
  options: AzureConnectOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ContainerClient> {
  const pipeline = pipelineOptions(options);
  const connection = env['AZURE_STORAGE_CONNECTION_STRING'];
  if (connection)
    return BlobServiceClient.fromConnectionString(connection, pipeline).getContainerClient(target.container);
  const url = options.endpoint ?? `https://${target.account}.blob.core.windows.net`;
  const key = env['AZURE_STORAGE_KEY'];
  const sas = env['AZURE_STORAGE_SAS_TOKEN'];
  let service: BlobServiceClient;
  if (key) service = new BlobServiceClient(url, new StorageSharedKeyCredential(target.account, key), pipeline);
  else if (sas)
    service = new BlobServiceClient(`${url}?${sas.replace(/^\?/, '')}`, new AnonymousCredential(), pipeline);
  else {
    const { DefaultAzureCredential } = await import('@azure/identity');
    service = new BlobServiceClient(url, new DefaultAzureCredential(), pipeline);
  }
  return service.getContainerClient(target.container);
}

/** Every blob under the prefix, page by page; ADLS Gen2 folders (empty blobs marked as folders) are left out. */
export async function* listBlobs(
  client: ContainerClient,
  prefix: string,
  pageSize = 1000,
): AsyncGenerator<StoredObject> {
  const pages = client
    .listBlobsFlat({ prefix: prefix || undefined, includeMetadata: true })
    .byPage({ maxPageSize: pageSize });
  for await (const page of pages) {
    for (const blob of page.segment.blobItems) {
      if (blob.metadata?.['hdi_isfolder'] === 'true') continue;
      const tier = blob.properties.accessTier;
      yield {
        key: blob.name,
        size: blob.properties.contentLength ?? 0,
        ...(blob.properties.lastModified ? { modifiedAt: blob.properties.lastModified.toISOString() } : {}),
        ...(tier === 'Archive' ? { unreadable: 'archived (Archive tier): rehydrate to scan' } : {}),
      };
    }
  }
}

/** A blob's bytes as a stream, or bytes [start, end) (to its end without `end`); never buffered whole. */
export async function openBlob(
  client: ContainerClient,
  name: string,
  range?: { start: number; end?: number | undefined },
): Promise<{ body: AsyncIterable<Uint8Array>; contentType: string }> {
  const count = range?.end === undefined ? undefined : range.end - range.start;
  const response = await client.getBlobClient(name).download(range?.start ?? 0, count);
  if (response.readableStreamBody === undefined)
    throw Object.assign(new Error('empty response'), { name: 'EmptyBody' });
  return { body: response.readableStreamBody as AsyncIterable<Uint8Array>, contentType: response.contentType ?? '' };
}

/** Bytes [start, end) of a blob, one ranged request (a Parquet footer or column chunk). */
export async function readBlobRange(
  client: ContainerClient,
  name: string,
  start: number,
  end: number,
): Promise<Uint8Array> {
  if (end <= start) return new Uint8Array(0);
  const response = await client.getBlobClient(name).download(start, end - start);
  const pieces: Buffer[] = [];
  for await (const piece of response.readableStreamBody as AsyncIterable<Buffer>) pieces.push(piece);
  return Buffer.concat(pieces);
}
