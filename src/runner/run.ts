/**
 * A scan of file and folder targets: list files, scan each (inline, or on worker threads for
 * large scans), merge per-file results in file order, then run the pipeline steps.
 */
import { availableParallelism } from 'node:os';
import type { Coverage, Finding, RecordOrigin, SourceCoverage, SourceError } from '../types.js';
import { listFiles, type FileListing } from '../connectors/files/list.js';
import { createFileScanner, type FileResult } from '../connectors/files/read.js';
import { addHits, createFindingsAggregator } from '../sites/record-scanner.js';
import { PARALLEL_BYTES, scanInWorkers } from './worker-pool.js';
import { scanDatabase, type DatabaseOptions } from '../connectors/database/scan-database.js';
import { isDatabaseUrl, toDatabaseTarget } from '../connectors/database/target.js';
import { isS3Url, toS3Target } from '../connectors/s3/target.js';
import type { S3Options } from '../connectors/s3/scan-bucket.js';
import type { ScanSettings } from '../sites/settings.js';
import { describeUnexpectedError } from '../errors/unexpected-error.js';
import { maskUrlCredentials } from '../errors/url-credentials.js';
import { addNothingRead } from './read-nothing.js';

export interface ScanProgress {
  /** Files finished, of totalFiles. */
  files: number;
  totalFiles: number;
  /** Bytes scanned (after decompression). */
  bytes: number;
  /** Occurrences kept so far (before aggregation into findings). */
  matches: number;
}

export interface ScanOptions {
  /** How database targets are read. */
  database: DatabaseOptions;
  /** How S3 targets are read. */
  s3: S3Options;
  cwd: string;
  /** The folder file URIs are relative to (the config file's); default: each target's repository, else `cwd`. */
  root?: string;
  exclude: readonly string[];
  /** Worker threads; `auto` uses every core for scans over 64 MiB. */
  jobs: number | 'auto';
  onProgress?: (progress: ScanProgress) => void;
}

export interface ScanResult {
  targets: string[];
  startedAt: Date;
  finishedAt: Date;
  /** Aggregated findings, before the pipeline steps. */
  findings: Finding[];
  coverage: Coverage;
  errors: SourceError[];
  /** Occurrences each value allow rule accepted, by rule index. */
  valueHits: Record<number, number>;
}

/** Scans the listed files, inline or on worker threads, reporting progress; results in file order. */
async function scanFiles(listing: FileListing, settings: ScanSettings, options: ScanOptions): Promise<FileResult[]> {
  const files = listing.files;
  const progress: ScanProgress = { files: 0, totalFiles: files.length, bytes: 0, matches: 0 };
  const onRecord = (bytes: number, matches: number) => {
    progress.bytes += bytes;
    progress.matches += matches;
    options.onProgress?.(progress);
  };
  const onFile = () => {
    progress.files++;
    options.onProgress?.(progress);
  };
  const jobs = options.jobs === 'auto' ? (listing.textBytes > PARALLEL_BYTES ? availableParallelism() : 1) : options.jobs;
  if (jobs > 1 && files.length > 1) return scanInWorkers(files, { settings, jobs, onRecord, onFile });
  const scanFile = createFileScanner(settings);
  const results: FileResult[] = [];
  for (const origin of files) {
    results.push(await scanFile(origin, onRecord));
    onFile();
  }
  return results;
}

/** Counts a file into the totals and its target's; a binary file is listed as skipped instead. */
function addFileCoverage(coverage: Coverage, source: SourceCoverage, origin: RecordOrigin, r: FileResult): void {
  coverage.bytes += r.stats.bytes;
  coverage.lines += r.stats.lines;
  coverage.longLines += r.stats.longLines;
  source.bytes += r.stats.bytes;
  source.lines += r.stats.lines;
  if (r.stats.binary) {
    coverage.skipped.push({ path: origin.path, reason: 'binary' });
  } else {
    coverage.files++;
    source.files++;
  }
}

/**
 * Runs one source's scan. A throw that its connector did not describe becomes that source's one
 * error line (never the end of the whole scan), so the other sources are still scanned.
 */
async function guarded<T>(source: string, errors: SourceError[], scan: () => Promise<T>): Promise<T | undefined> {
  try {
    return await scan();
  } catch (error) {
    errors.push({ source, message: describeUnexpectedError(error) });
    return undefined;
  }
}

const EMPTY_LISTING: FileListing = { files: [], textBytes: 0, skipped: [], errors: [] };

export async function scanTargets(targets: string[], settings: ScanSettings, options: ScanOptions): Promise<ScanResult> {
  const startedAt = new Date();
  const errors: SourceError[] = [];
  const isFileTarget = (t: string) => !isDatabaseUrl(t) && !isS3Url(t);
  const fileTargets = targets.filter(isFileTarget);
  const listOptions = { cwd: options.cwd, exclude: options.exclude, ...(options.root ? { root: options.root } : {}) };
  const listing = (await guarded(fileTargets.join(' '), errors, () => listFiles(fileTargets, listOptions))) ?? EMPTY_LISTING;
  const results = (await guarded(fileTargets.join(' '), errors, () => scanFiles(listing, settings, options))) ?? [];
  const aggregator = createFindingsAggregator(settings);
  const shown = targets.map((t) => (isDatabaseUrl(t) ? toDatabaseTarget(t).display : isS3Url(t) ? toS3Target(t).display : t));
  const sources = new Map(shown.map((target) => [target, { target, files: 0, bytes: 0, lines: 0 }]));
  const coverage: Coverage = { files: 0, bytes: 0, lines: 0, longLines: 0, skipped: listing.skipped, sources: [...sources.values()], tables: [], objects: [] };
  errors.push(...listing.errors);
  const valueHits: Record<number, number> = {};
  results.forEach((r, i) => {
    const origin = listing.files[i]!;
    aggregator.merge(r.findings);
    addHits(valueHits, r.valueHits);
    addFileCoverage(coverage, sources.get(origin.target)!, origin, r);
    if (r.error) errors.push(r.error);
  });
  for (const database of targets.filter(isDatabaseUrl).map(toDatabaseTarget)) {
    const db = await guarded(database.display, errors, () => scanDatabase(database, settings, options.database));
    if (db === undefined) continue;
    aggregator.merge(db.findings);
    addHits(valueHits, db.valueHits);
    errors.push(...db.errors);
    coverage.tables.push(...db.tables);
    coverage.bytes += db.bytes;
    sources.get(database.display)!.bytes += db.bytes;
  }
  for (const bucket of targets.filter(isS3Url).map(toS3Target)) {
    const s3 = await guarded(bucket.display, errors, async () => {
      // The AWS SDK is loaded only when a bucket is scanned (it takes a fifth of a second).
      const { scanBucket } = await import('../connectors/s3/scan-bucket.js');
      return scanBucket(bucket, settings, options.s3);
    });
    if (s3 === undefined) continue;
    aggregator.merge(s3.findings);
    addHits(valueHits, s3.valueHits);
    errors.push(...s3.errors);
    coverage.objects.push(s3.coverage);
    coverage.bytes += s3.coverage.bytes;
    coverage.lines += s3.lines;
    const source = sources.get(bucket.display)!;
    source.bytes += s3.coverage.bytes;
    source.lines += s3.lines;
  }
  addNothingRead(targets, coverage, errors, options.cwd);
  // Whatever a driver or the system put in a message, no URL credentials reach the report.
  const masked = errors.map((e) => ({ source: maskUrlCredentials(e.source), message: maskUrlCredentials(e.message) }));
  return { targets: shown, startedAt, finishedAt: new Date(), findings: aggregator.findings(), coverage, errors: masked, valueHits };
}
