/**
 * A CSV or TSV stream (an S3 object, a file), gunzipped already, read column by column: the
 * header's names are the context of their values, as a database column's name is, and each
 * column is a site of its own (`#name` after the object group or file group).
 */
import type { RecordOrigin } from './records.js';
import type { ReadStats } from './file-reader.js';
import { readCsv } from './csv-reader.js';
import { withoutCompression } from './file-group.js';
import { createColumnBatches, isBatchEnd, type ColumnBatches } from './column-batches.js';
import type { RecordSink } from './contract.js';

/** CSV (`,`) or TSV (`\t`) by extension or content type; undefined reads it as lines. */
export function csvDelimiter(key: string, contentType = ''): string | undefined {
  const name = withoutCompression(key).toLowerCase();
  if (name.endsWith('.csv') || /^text\/csv/.test(contentType)) return ',';
  if (name.endsWith('.tsv') || /^text\/tab-separated-values/.test(contentType)) return '\t';
  return undefined;
}

/** The origin of a column of a file or object (CSV, Parquet): `#name` after its location and its site. */
export function toColumnOrigin(origin: RecordOrigin, name: string): RecordOrigin {
  return { ...origin, path: `${origin.path}#${name}`, siteUri: `${origin.siteUri}#${name}` };
}

export async function scanCsv(
  origin: RecordOrigin,
  stream: AsyncIterable<Buffer>,
  delimiter: string,
  sink: RecordSink,
  stats: ReadStats,
): Promise<void> {
  let batches: ColumnBatches | undefined;
  try {
    // Locations give the record's number, the header being 1 (its line, unless a quoted value spans lines).
    await readCsv(
      stream,
      delimiter,
      {
        header(names) {
          stats.lines = 1;
          // Each column is a site (`#name` after the group and the object), its name the context of its values.
          const columns = names.map((name, i) => name.trim() || `column${i + 1}`);
          batches = createColumnBatches(
            columns.map((name) => ({ origin: toColumnOrigin(origin, name), name })),
            sink,
          );
        },
        // Values past the header's columns (a ragged row) have no name and are left out.
        field(column, src, start, end, record) {
          if (column < batches!.columns) batches!.addBytes(column, src, start, end, record);
        },
        endRecord(record) {
          stats.lines = record;
          if (isBatchEnd(record)) batches!.flush();
        },
      },
      (bytes) => (stats.bytes += bytes),
    );
  } finally {
    batches?.flush();
  }
}
