/**
 * An S3 Inventory report as the listing of a bucket too large to list (`--inventory
 * s3://dest/path/manifest.json`): the manifest names the report's files and their columns
 * (`fileSchema`); each gzip CSV file is streamed row by row, so memory holds one piece of one file,
 * never the listing. Rows are used in the manifest's file order, which every shard reads alike.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { getObjectStream, type S3Object } from './client.js';
import { toS3Target, type S3Target } from './target.js';
import { decompressed } from '../file-reader.js';
import { createCsvParser } from '../csv-reader.js';
import { toBuffers } from '../object-store/ranges.js';

/** The fields of an inventory manifest.json piiscan reads (AWS S3 Inventory format). */
interface InventoryManifest {
  sourceBucket?: string;
  /** `arn:aws:s3:::bucket`: where the report's files are. */
  destinationBucket?: string;
  fileFormat?: string;
  /** The CSV columns, comma separated: `Bucket, Key, Size, LastModifiedDate, ...`. */
  fileSchema?: string;
  files?: Array<{ key?: string }>;
}

/** A failure of the inventory itself (not JSON, not CSV, no Key column): its message is the whole story. */
function inventoryError(uri: string, message: string): Error {
  return Object.assign(new Error(`inventory ${uri}: ${message}`), { name: 'InventoryError' });
}

async function readText(client: S3Client, bucket: string, key: string): Promise<string> {
  const pieces: Buffer[] = [];
  for await (const piece of toBuffers((await getObjectStream(client, bucket, key)).body)) pieces.push(piece);
  return Buffer.concat(pieces).toString('utf8');
}

async function readManifest(client: S3Client, uri: string): Promise<{ bucket: string; manifest: InventoryManifest }> {
  const { bucket, prefix } = toS3Target(uri);
  let manifest: InventoryManifest;
  try {
    manifest = JSON.parse(await readText(client, bucket, prefix)) as InventoryManifest;
  } catch (error) {
    if (error instanceof SyntaxError) throw inventoryError(uri, 'manifest is not JSON');
    throw error;
  }
  if (!Array.isArray(manifest.files) || typeof manifest.fileSchema !== 'string')
    throw inventoryError(uri, 'manifest has no files or fileSchema (expected an S3 Inventory manifest.json)');
  if ((manifest.fileFormat ?? 'CSV').toUpperCase() !== 'CSV')
    throw inventoryError(uri, `${manifest.fileFormat} inventories are not read: configure the inventory as CSV`);
  const destination = manifest.destinationBucket?.replace(/^arn:aws:s3:::/, '');
  return { bucket: destination || bucket, manifest };
}

/**
 * The rows of one CSV file as arrays of fields. The CSV reader takes a file's first record for a
 * header; an inventory file has none, so that record is the first row.
 */
async function* readRows(stream: AsyncIterable<Buffer>): AsyncGenerator<string[]> {
  let rows: string[][] = [];
  let row: string[] = [];
  const parser = createCsvParser(',', {
    header: (names) => rows.push(names),
    field: (column, src, start, end) => (row[column] = src.toString('utf8', start, end)),
    endRecord: () => {
      rows.push(row);
      row = [];
    },
  });
  for await (const piece of stream) {
    parser.push(piece);
    yield* rows;
    rows = [];
  }
  parser.end();
  yield* rows;
}

/** Keys in inventory CSV are URL-encoded (a space as `+` or `%20`). */
function decodeKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/** The objects under a target that an inventory lists (current versions, no delete markers). */
export async function* listInventory(client: S3Client, uri: string, target: S3Target): AsyncGenerator<S3Object> {
  const { bucket, manifest } = await readManifest(client, uri);
  const columns = manifest.fileSchema!.split(',').map((c) => c.trim());
  const at = (name: string) => columns.indexOf(name);
  const k = at('Key');
  if (k === -1) throw inventoryError(uri, 'fileSchema has no Key column');
  const field = (row: string[], name: string) => (at(name) === -1 ? undefined : row[at(name)]);
  for (const file of manifest.files!) {
    if (typeof file.key !== 'string') throw inventoryError(uri, 'a file of the manifest has no key');
    const body = (await getObjectStream(client, bucket, file.key)).body;
    for await (const row of readRows(decompressed(toBuffers(body)))) {
      if ((field(row, 'Bucket') ?? target.bucket) !== target.bucket) continue;
      if (field(row, 'IsLatest') === 'false' || field(row, 'IsDeleteMarker') === 'true') continue;
      const key = decodeKey(row[k] ?? '');
      if (key === '' || !key.startsWith(target.prefix)) continue;
      yield { key, size: Number(field(row, 'Size') ?? 0), storageClass: field(row, 'StorageClass') || 'STANDARD' };
    }
  }
}
