/**
 * An S3 Inventory report as the listing of a bucket too large to list (`--inventory
 * s3://dest/path/manifest.json`): the manifest names the report's files and their columns
 * (`fileSchema`); each gzip CSV file is streamed row by row, and each Parquet file read row group
 * by row group (inventory-parquet.ts), so memory holds one piece of one file, never the listing.
 * Rows are used in the manifest's file order, which every shard reads alike.
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
  /** `CSV` (the default) or `Parquet`; `ORC` is refused. */
  fileFormat?: string;
  /** The CSV columns, comma separated: `Bucket, Key, Size, LastModifiedDate, ...` (a Parquet message for Parquet). */
  fileSchema?: string;
  files?: Array<{ key?: string }>;
}

/** One row of an inventory file, whatever its format: the fields piiscan uses, as text. */
export interface InventoryRow {
  bucket?: string;
  /** As the file holds it: URL-encoded in CSV, plain in Parquet. */
  key: string;
  /** Bytes, as digits. */
  size?: string;
  /** `true` or `false`, in versioned buckets. */
  isLatest?: string;
  isDeleteMarker?: string;
  storageClass?: string;
}

/** The formats read, by the manifest's `fileFormat` in upper case. */
const FORMATS = new Set(['CSV', 'PARQUET']);

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
  if (!FORMATS.has((manifest.fileFormat ?? 'CSV').toUpperCase()))
    throw inventoryError(
      uri,
      `${manifest.fileFormat} inventories are not read: configure the inventory as CSV or Parquet`,
    );
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

/** The rows of one CSV file, its columns named by the manifest's `fileSchema`. */
async function* readCsvFile(
  client: S3Client,
  object: { bucket: string; key: string },
  columns: readonly string[],
): AsyncGenerator<InventoryRow> {
  const at = (name: string) => columns.indexOf(name);
  const k = at('Key');
  const named = (
    [
      ['bucket', 'Bucket'],
      ['size', 'Size'],
      ['isLatest', 'IsLatest'],
      ['isDeleteMarker', 'IsDeleteMarker'],
      ['storageClass', 'StorageClass'],
    ] as const
  ).filter(([, name]) => at(name) !== -1);
  const body = (await getObjectStream(client, object.bucket, object.key)).body;
  for await (const fields of readRows(decompressed(toBuffers(body)))) {
    const row: InventoryRow = { key: fields[k] ?? '' };
    for (const [field, name] of named) {
      const value = fields[at(name)];
      if (value !== undefined) row[field] = value;
    }
    yield row;
  }
}

/** The objects under a target that an inventory lists (current versions, no delete markers). */
export async function* listInventory(client: S3Client, uri: string, target: S3Target): AsyncGenerator<S3Object> {
  const { bucket, manifest } = await readManifest(client, uri);
  const parquet = manifest.fileFormat?.toUpperCase() === 'PARQUET';
  const columns = manifest.fileSchema!.split(',').map((c) => c.trim());
  if (!parquet && !columns.includes('Key')) throw inventoryError(uri, 'fileSchema has no Key column');
  const fail = (message: string) => inventoryError(uri, message);
  const { readParquetRows } = parquet ? await import('./inventory-parquet.js') : { readParquetRows: undefined };
  for (const file of manifest.files!) {
    if (typeof file.key !== 'string') throw inventoryError(uri, 'a file of the manifest has no key');
    const object = { bucket, key: file.key };
    const rows = readParquetRows ? readParquetRows(client, object, fail) : readCsvFile(client, object, columns);
    for await (const row of rows) {
      if ((row.bucket ?? target.bucket) !== target.bucket) continue;
      if (row.isLatest === 'false' || row.isDeleteMarker === 'true') continue;
      const key = parquet ? row.key : decodeKey(row.key);
      if (key === '' || !key.startsWith(target.prefix)) continue;
      yield { key, size: Number(row.size ?? 0), storageClass: row.storageClass || 'STANDARD' };
    }
  }
}
