/**
 * The rows of one Parquet file of an S3 Inventory report, row group by row group through ranged
 * GETs (hyparquet, as Parquet objects are scanned), so memory holds the few listing columns of one
 * row group, never the file. Parquet inventories name their columns in snake case (`bucket`,
 * `key`, `size`, `is_latest`, `is_delete_marker`, `storage_class`) and, unlike CSV ones, do not
 * URL-encode keys.
 */
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getObjectRange } from './client.js';
import { createRangedBuffer } from '../parquet/file-buffer.js';
import type { InventoryRow } from './inventory.js';

/** The listing's columns, by the field of InventoryRow each fills. */
const COLUMNS = {
  bucket: 'bucket',
  key: 'key',
  size: 'size',
  isLatest: 'is_latest',
  isDeleteMarker: 'is_delete_marker',
  storageClass: 'storage_class',
} as const;

/** A cell as text, as the CSV reader gives it (int64 sizes come as bigint, flags as booleans). */
function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const scalar = typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean';
  return scalar ? String(value) : undefined;
}

/** Rows of the Parquet inventory file `key` in `bucket`; throws when it has no `key` column. */
export async function* readParquetRows(
  client: S3Client,
  object: { bucket: string; key: string },
  fail: (message: string) => Error,
): AsyncGenerator<InventoryRow> {
  const { parquetMetadataAsync, parquetReadObjects, parquetSchema } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  const head = await client.send(new HeadObjectCommand({ Bucket: object.bucket, Key: object.key }));
  const file = createRangedBuffer(head.ContentLength ?? 0, (start, end) => getObjectRange(client, object, start, end));
  const metadata = await parquetMetadataAsync(file);
  const present = new Set(parquetSchema(metadata).children.map((c) => c.element.name));
  if (!present.has(COLUMNS.key)) throw fail(`${object.key} has no key column`);
  const fields = Object.entries(COLUMNS).filter(([, column]) => present.has(column));
  const columns = fields.map(([, column]) => column);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await parquetReadObjects({ file, metadata, columns, rowStart, rowEnd, compressors });
    rowStart = rowEnd;
    for (const row of rows) {
      const read: InventoryRow = { key: '' };
      for (const [field, column] of fields) {
        const text = toText(row[column]);
        if (text !== undefined) read[field as keyof InventoryRow] = text;
      }
      yield read;
    }
  }
}
