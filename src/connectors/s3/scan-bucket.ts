/**
 * An S3 target end to end: list the objects under the prefix (page by page), skip what cannot or
 * need not be read (archived, over the size cap, excluded, binary), group keys that differ only by
 * dates, partitions, numbers or ids, optionally sample each group, then stream every object by its
 * format: lines (logs, JSON lines) through the line pipeline, CSV/TSV column by column with the
 * header's names as context. gzip around any of these is undone on the fly.
 */
import picomatch from 'picomatch';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Finding, ObjectCoverage, RecordOrigin, SourceError } from '../../types.js';
import { ARCHIVED_CLASSES, createS3Client, describeS3Error, getObjectStream, listObjects, type S3ConnectOptions, type S3Object } from './client.js';
import type { S3Target } from './target.js';
import { describeUnexpectedError } from '../../errors/unexpected-error.js';
import { peek, readLineRecords, textStream, type ReadStats } from '../file-reader.js';
import { createRandom } from '../seeded-random.js';
import { toObjectGroup } from '../object-group.js';
import { textBytes, withoutCompression } from '../file-group.js';
import { parseJsonLeaves } from '../json-leaves.js';
import { addHits, createFindingsAggregator, createRecordScanner, type RecordSink } from '../../sites/record-scanner.js';
import { createColumnBatches } from '../column-batches.js';
import { csvDelimiter, scanCsv } from '../csv.js';
import type { ScanSettings } from '../../sites/settings.js';
import { createWorkerPool, PARALLEL_BYTES, type WorkerPool } from '../../runner/worker-pool.js';
import { availableParallelism } from 'node:os';
import { formatBytes } from '../../report/text.js';

export interface S3Options extends S3ConnectOptions {
  /** Objects read at the same time. */
  concurrency: number;
  /** Globs over object keys; empty includes everything. */
  include: string[];
  exclude: string[];
  /** The config's `exclude`: globs over location URIs (`s3://bucket/key`). */
  excludeUris?: readonly string[];
  /** Objects larger than this are skipped and counted. */
  maxObjectBytes: number;
  /** Objects read per group; 0 reads every object. */
  sampleObjects: number;
  seed: number;
  /** Objects per listing page (S3 gives at most 1000). */
  pageSize?: number;
  /** Worker threads for reading objects; `auto` uses every core once the listed objects pass 64 MiB. */
  jobs: number | 'auto';
  /** Called before each object is read (progress). */
  onObject?: (key: string) => void | Promise<void>;
}

/** Only how to reach the store: what a worker thread needs to make its own client. */
function connectOptions(options: S3Options): S3ConnectOptions {
  const { endpoint, region, profile, forcePathStyle, maxAttempts } = options;
  return { endpoint, region, profile, forcePathStyle, maxAttempts };
}

export interface S3Result {
  findings: Finding[];
  errors: SourceError[];
  coverage: ObjectCoverage;
  lines: number;
  valueHits: Record<number, number>;
}

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
async function scanJsonDocument(origin: RecordOrigin, stream: AsyncIterable<Buffer>, sink: RecordSink, stats: ReadStats): Promise<void> {
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

/** Objects waiting to be read: the listing fills it while the lanes read from it, so memory stays bounded. */
function createQueue<T>(capacity: number) {
  const items: T[] = [];
  let closed = false;
  let consumers: Array<() => void> = [];
  let producer: (() => void) | undefined;
  const wakeConsumers = () => consumers.splice(0).forEach((wake) => wake());
  return {
    async push(item: T): Promise<void> {
      while (items.length >= capacity) await new Promise<void>((resolve) => (producer = resolve));
      items.push(item);
      wakeConsumers();
    },
    close(): void {
      closed = true;
      wakeConsumers();
    },
    async take(): Promise<T | undefined> {
      for (;;) {
        const item = items.shift();
        if (item !== undefined) {
          producer?.();
          producer = undefined;
          return item;
        }
        if (closed) return undefined;
        await new Promise<void>((resolve) => consumers.push(resolve));
      }
    },
  };
}

/** Up to `size` objects of one group, chosen uniformly as they are listed (reservoir sampling). */
interface Reservoir {
  seen: number;
  picked: S3Object[];
}

async function scanObject(client: S3Client, target: S3Target, object: S3Object, group: string, sink: RecordSink, stats: ReadStats): Promise<void> {
  const uri = `s3://${target.bucket}/${object.key}`;
  const slash = object.key.indexOf('/');
  const origin: RecordOrigin = {
    siteKind: 'object',
    path: uri,
    source: object.key,
    uri,
    siteUri: `s3://${target.bucket}/${group}`,
    // The first key segment names the service, or the bucket for keys at its top.
    defaultService: slash > 0 ? object.key.slice(0, slash) : target.bucket,
    target: target.display,
  };
  const { body, contentType } = await getObjectStream(client, target.bucket, object.key);
  const stream = await textStream(toBuffers(body), stats);
  if (stream === undefined) return;
  const delimiter = csvDelimiter(object.key, contentType);
  if (delimiter !== undefined) return scanCsv(origin, stream, delimiter, sink, stats);
  if (isJsonDocument(object.key, contentType)) return scanJsonDocument(origin, stream, sink, stats);
  for await (const record of readLineRecords(origin, stream, stats)) sink.scan(record);
}

/** One object to read: where it is, and the group it is a site of. */
export interface ObjectTask {
  target: S3Target;
  object: S3Object;
  group: string;
}

/** What reading one object gave: its findings, counters, and the one-line failure if it failed. */
export interface ObjectResult {
  findings: Finding[];
  stats: ReadStats;
  valueHits: Record<number, number>;
  error?: SourceError;
}

/**
 * Reads and scans objects, one call each, with the client given: on the main thread or in a
 * worker thread alike. A failure (deleted object, denied, corrupt gzip) is the result's error, and
 * what was read before it is kept. `where` names the store in messages.
 */
export function createObjectScanner(settings: ScanSettings, client: S3Client, where: string): (task: ObjectTask) => Promise<ObjectResult> {
  const newSink = createRecordScanner(settings);
  return async ({ target, object, group }) => {
    const sink = newSink();
    const stats: ReadStats = { bytes: 0, lines: 0, longLines: 0, binary: false };
    let error: SourceError | undefined;
    try {
      await scanObject(client, target, object, group, sink, stats);
    } catch (e) {
      const uri = `s3://${target.bucket}/${object.key}`;
      error = { source: uri, message: describeS3Error(e, uri, where) };
    }
    return { findings: sink.findings(), stats, valueHits: sink.valueHits, ...(error ? { error } : {}) };
  };
}

/** The result of an object whose worker failed or died: that object's error, the others go on. */
function failed({ target, object }: ObjectTask, error: unknown): ObjectResult {
  return { findings: [], stats: { bytes: 0, lines: 0, longLines: 0, binary: false }, valueHits: {}, error: { source: `s3://${target.bucket}/${object.key}`, message: describeUnexpectedError(error) } };
}

async function* toBuffers(body: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  for await (const piece of body) yield Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
}

/** Why a listed object is not read (excluded, archived, over the size cap), or undefined when it is read. */
export function createObjectFilter(bucket: string, options: Pick<S3Options, 'include' | 'exclude' | 'excludeUris' | 'maxObjectBytes'>): (object: S3Object) => string | undefined {
  const included = options.include.length > 0 ? picomatch(options.include, { dot: true }) : () => true;
  const excluded = options.exclude.length > 0 ? picomatch(options.exclude, { dot: true }) : () => false;
  const excludedUri = options.excludeUris?.length ? picomatch([...options.excludeUris], { dot: true }) : () => false;
  return (object) => {
    if (!included(object.key) || excluded(object.key) || excludedUri(`s3://${bucket}/${object.key}`)) return 'excluded';
    if (ARCHIVED_CLASSES.has(object.storageClass)) return `archived (${object.storageClass}): restore to scan`;
    if (object.size > options.maxObjectBytes) return `over the ${formatBytes(options.maxObjectBytes)} size cap`;
    return undefined;
  };
}

export async function scanBucket(target: S3Target, settings: ScanSettings, options: S3Options): Promise<S3Result> {
  const coverage: ObjectCoverage = { source: target.display, objectsListed: 0, objectsScanned: 0, groups: 0, bytes: 0, sampled: false, sampleObjects: options.sampleObjects, seed: options.seed, skipped: {} };
  const result: S3Result = { findings: [], errors: [], coverage, lines: 0, valueHits: {} };
  const skip = (reason: string) => (coverage.skipped[reason] = (coverage.skipped[reason] ?? 0) + 1);
  const client = createS3Client(options);
  const where = options.endpoint ?? 'S3';
  const queue = createQueue<{ object: S3Object; group: string }>(1000);
  // What the objects queued so far likely hold, inflated: it decides `--jobs auto`.
  let queuedTextBytes = 0;
  const enqueue = (item: { object: S3Object; group: string }) => {
    queuedTextBytes += textBytes(item.object.key, item.object.size);
    return queue.push(item);
  };
  const skipReason = createObjectFilter(target.bucket, options);
  const aggregator = createFindingsAggregator(settings);

  // Listing: without sampling, objects are read as they are listed; with it, each group keeps a
  // seeded reservoir and its picks are read once the listing is done.
  const list = async () => {
    const groups = new Set<string>();
    const reservoirs = new Map<string, Reservoir>();
    const random = createRandom(options.seed);
    try {
      for await (const object of listObjects(client, target, options.pageSize)) {
        if (object.key.endsWith('/')) continue; // a folder marker, not an object
        coverage.objectsListed++;
        const reason = skipReason(object);
        if (reason !== undefined) {
          skip(reason);
          continue;
        }
        const group = toObjectGroup(object.key);
        if (options.sampleObjects === 0) {
          groups.add(group);
          await enqueue({ object, group });
          continue;
        }
        let reservoir = reservoirs.get(group);
        if (reservoir === undefined) reservoirs.set(group, (reservoir = { seen: 0, picked: [] }));
        reservoir.seen++;
        if (reservoir.picked.length < options.sampleObjects) reservoir.picked.push(object);
        else {
          const slot = Math.floor(random() * reservoir.seen);
          if (slot < options.sampleObjects) reservoir.picked[slot] = object;
        }
      }
    } catch (error) {
      result.errors.push({ source: target.display, message: describeS3Error(error, `s3://${target.bucket}`, where) });
    }
    coverage.groups = options.sampleObjects === 0 ? groups.size : reservoirs.size;
    const picks = [...reservoirs].flatMap(([group, r]) => r.picked.map((object) => ({ object, group })));
    coverage.sampled = [...reservoirs.values()].some((r) => r.seen > r.picked.length);
    for (const pick of picks.sort((a, b) => (a.object.key < b.object.key ? -1 : 1))) await enqueue(pick);
    queue.close();
  };

  // Results are merged in listing order, whatever order the lanes finish in, so a report does
  // not depend on timing; only the few results waiting for an earlier one are held.
  const done = new Map<number, Finding[]>();
  let taken = 0;
  let merged = 0;
  const scanHere = createObjectScanner(settings, client, where);
  const connect = connectOptions(options);
  // Objects go to worker threads when there are some (`jobs` above 1) and, for `auto`, once
  // the objects queued to be read add up to more than a small scan (gzipped ones counted inflated).
  let pool: WorkerPool | undefined;
  const pooled = (): WorkerPool | undefined => {
    const jobs = options.jobs === 'auto' ? (queuedTextBytes > PARALLEL_BYTES ? availableParallelism() : 1) : options.jobs;
    if (jobs > 1) pool ??= createWorkerPool(settings, jobs);
    return pool;
  };
  const read = async () => {
    for (let next = await queue.take(); next; next = await queue.take()) {
      const index = taken++;
      await options.onObject?.(next.object.key);
      const task: ObjectTask = { target, object: next.object, group: next.group };
      const r = await (pooled()?.run({ kind: 'object', task, connect }) ?? scanHere(task)).catch((error: unknown) => failed(task, error));
      if (r.error) result.errors.push(r.error);
      else if (r.stats.binary) skip('binary');
      else coverage.objectsScanned++;
      coverage.bytes += r.stats.bytes;
      result.lines += r.stats.lines;
      addHits(result.valueHits, r.valueHits);
      done.set(index, r.findings);
      for (let findings = done.get(merged); findings !== undefined; findings = done.get(merged)) {
        aggregator.merge(findings);
        done.delete(merged++);
      }
    }
  };

  try {
    await Promise.all([list(), ...Array.from({ length: options.concurrency }, read)]);
  } finally {
    client.destroy();
    await pool?.close();
  }
  result.findings = aggregator.findings();
  result.errors.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return result;
}
