/**
 * A JSON document in an object (an export such as `[{"email": ...}, ...]`, pretty-printed or
 * not), by extension or content type: parsed whole when small enough, each JSON path's values a
 * column.
 */
import type { RecordOrigin } from '../records.js';
import type { RecordSink } from '../contract.js';
import { peek, readLineRecords, type ReadStats } from '../file-reader.js';
import { withoutCompression } from '../file-group.js';
import { parseJsonLeaves } from '../json-leaves.js';
import { createColumnBatches } from '../column-batches.js';

/** JSON documents up to this size are parsed whole (JSON paths as sites); larger ones are read as lines. */
const MAX_JSON_DOCUMENT = 64 << 20;

/** A JSON document (not JSON lines) by extension or content type. */
export function isJsonDocument(key: string, contentType: string): boolean {
  return withoutCompression(key).toLowerCase().endsWith('.json') || /^application\/json/.test(contentType);
}

/**
 * A JSON document (an export such as `[{"email": ...}, ...]`, pretty-printed or not): parsed whole
 * when it is small enough, and each JSON path's values scanned as a column, the path being the
 * site's and its last key the context. Anything else (JSON lines, too large, not JSON) is read as
 * lines.
 */
export async function scanJsonDocument(
  origin: RecordOrigin,
  stream: AsyncIterable<Buffer>,
  sink: RecordSink,
  stats: ReadStats,
): Promise<void> {
  // Read up to one byte past the limit: a document that ended within it is parsed whole.
  const { head, stream: whole } = await peek(stream, MAX_JSON_DOCUMENT + 1);
  const ended = head.length <= MAX_JSON_DOCUMENT;
  const text = ended ? head.toString('utf8') : '';
  const leaves = ended ? parseJsonLeaves(text) : undefined;
  if (leaves === undefined) {
    for await (const record of readLineRecords(origin, whole, stats)) sink.scan(record);
    return;
  }
  stats.bytes += head.length;
  const paths = new Map<string, number>();
  const columns: Array<{ origin: RecordOrigin; name: string }> = [];
  const batches = createColumnBatches(columns, sink);
  let line = 1;
  let counted = 0;
  for (const leaf of leaves) {
    if (leaf.type !== 'string' && leaf.type !== 'number') continue;
    for (let i = text.indexOf('\n', counted); i !== -1 && i < leaf.start; i = text.indexOf('\n', i + 1)) line++;
    counted = Math.max(counted, leaf.start);
    let column = paths.get(leaf.jsonPath!);
    if (column === undefined) {
      paths.set(leaf.jsonPath!, (column = columns.length));
      columns.push({ origin: { ...origin, jsonPath: leaf.jsonPath! }, name: leaf.key });
    }
    if (leaf.value !== '') batches.add(column, leaf.value, line);
  }
  stats.lines = line;
  batches.flush();
}
