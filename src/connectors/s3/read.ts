/**
 * Reads one object by its format: lines (logs, JSON lines) as lines, CSV/TSV column by column
 * with the header's names as context, a JSON document by JSON path. gzip around any of these is
 * undone on the fly. A failure (deleted object, denied, corrupt gzip) is the result's error, and
 * what was read before it is kept.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectCoverage, RecordOrigin } from '../records.js';
import { emptyResult, type RecordSink, type SourceResult } from '../contract.js';
import { describeS3Error, getObjectStream } from './client.js';
import { peek, readLineRecords, textStream, type ReadStats } from '../file-reader.js';
import { withoutCompression } from '../file-group.js';
import { parseJsonLeaves } from '../json-leaves.js';
import { createColumnBatches } from '../column-batches.js';
import { csvDelimiter, scanCsv } from '../csv.js';
import type { ObjectUnit } from './plan.js';

/** JSON documents up to this size are parsed whole (JSON paths as sites); larger ones are read as lines. */
const MAX_JSON_DOCUMENT = 64 << 20;

/** A JSON document (not JSON lines) by extension or content type. */
function isJsonDocument(key: string, contentType: string): boolean {
  return withoutCompression(key).toLowerCase().endsWith('.json') || /^application\/json/.test(contentType);
}

/**
 * A JSON document (an export such as `[{"email": ...}, ...]`, pretty-printed or not): parsed whole
 * when it is small enough, and each JSON path's values scanned as a column, the path being the
 * site's and its last key the context. Anything else (JSON lines, too large, not JSON) is read as
 * lines.
 */
async function scanJsonDocument(
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

async function* toBuffers(body: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  for await (const piece of body)
    yield Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
}

function toOrigin(unit: ObjectUnit): RecordOrigin {
  const uri = `s3://${unit.bucket}/${unit.key}`;
  const slash = unit.key.indexOf('/');
  return {
    siteKind: 'object',
    path: uri,
    source: unit.key,
    uri,
    siteUri: `s3://${unit.bucket}/${unit.group}`,
    // The first key segment names the service, or the bucket for keys at its top.
    defaultService: slash > 0 ? unit.key.slice(0, slash) : unit.bucket,
    target: unit.target,
  };
}

async function scanObject(client: S3Client, unit: ObjectUnit, sink: RecordSink, stats: ReadStats): Promise<void> {
  const origin = toOrigin(unit);
  const { body, contentType } = await getObjectStream(client, unit.bucket, unit.key);
  const stream = await textStream(toBuffers(body), stats);
  if (stream === undefined) return;
  const delimiter = csvDelimiter(unit.key, contentType);
  if (delimiter !== undefined) return scanCsv(origin, stream, delimiter, sink, stats);
  if (isJsonDocument(unit.key, contentType)) return scanJsonDocument(origin, stream, sink, stats);
  for await (const record of readLineRecords(origin, stream, stats)) sink.scan(record);
}

/** Reads one object with the client given; `where` names the store in messages. */
export async function readObject(
  client: S3Client,
  unit: ObjectUnit,
  sink: RecordSink,
  where: string,
): Promise<SourceResult> {
  const stats: ReadStats = { bytes: 0, lines: 0, longLines: 0, binary: false };
  const result = emptyResult();
  const coverage: ObjectCoverage = {
    source: unit.target,
    objectsListed: 0,
    objectsScanned: 0,
    groups: 0,
    bytes: 0,
    sampled: false,
    sampleObjects: 0,
    seed: 0,
    skipped: {},
  };
  try {
    await scanObject(client, unit, sink, stats);
    if (stats.binary) coverage.skipped['binary'] = 1;
    else coverage.objectsScanned = 1;
  } catch (e) {
    result.errors.push({ source: unit.source, message: describeS3Error(e, unit.source, where) });
  }
  coverage.bytes = stats.bytes;
  return { ...result, bytes: stats.bytes, lines: stats.lines, objects: [coverage], read: coverage.objectsScanned > 0 };
}
