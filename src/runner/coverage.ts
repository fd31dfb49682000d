/** What a scan read, in total and per target. */
import type { Skipped, TableCoverage, ObjectCoverage } from '../connectors/records.js';
import type { SourceResult } from '../connectors/contract.js';
import type { SourceError } from '../errors/source-error.js';

/** What was read. */
export interface Coverage {
  files: number;
  /** Bytes scanned, after decompression. */
  bytes: number;
  lines: number;
  /** Lines longer than the line limit, scanned in pieces. */
  longLines: number;
  skipped: Skipped[];
  /** The same counters per target as given. */
  sources: SourceCoverage[];
  /** Per database table: rows estimated and scanned, and how (sampled with a seed, or full). */
  tables: TableCoverage[];
  /** Per S3 target: objects listed, scanned and skipped, groups, sampling. */
  objects: ObjectCoverage[];
  /** A merge with `--allow-partial` only: the shards no part was given for, whose units were not read. */
  missingShards?: number[];
  /**
   * A merge only: whether hashed sites were compared with plaintext sites of every shard
   * (`across-shards`, parts made with `--link-key-env`) or only of their own (`within-shards`).
   */
  linkablePseudonyms?: 'within-shards' | 'across-shards';
}

/** What was read under one target. */
export interface SourceCoverage {
  target: string;
  files: number;
  bytes: number;
  lines: number;
}

export function emptyCoverage(): Coverage {
  return { files: 0, bytes: 0, lines: 0, longLines: 0, skipped: [], sources: [], tables: [], objects: [] };
}

/** Adds one unit's (or one plan's) result into the totals and its target's. */
function addResult(coverage: Coverage, source: SourceCoverage, r: SourceResult): void {
  coverage.files += r.files;
  coverage.bytes += r.bytes;
  coverage.lines += r.lines;
  coverage.longLines += r.longLines;
  source.files += r.files;
  source.bytes += r.bytes;
  source.lines += r.lines;
  coverage.skipped.push(...r.skipped);
}

/** Adds up rows of object coverage that describe the same target: counts add, sampling is the plan's. */
function mergeObjects(rows: readonly ObjectCoverage[]): ObjectCoverage[] {
  const merged = new Map<string, ObjectCoverage>();
  for (const row of rows) {
    const into = merged.get(row.source);
    if (into === undefined) {
      merged.set(row.source, { ...row, skipped: { ...row.skipped } });
      continue;
    }
    into.objectsListed += row.objectsListed;
    into.objectsScanned += row.objectsScanned;
    into.groups += row.groups;
    into.bytes += row.bytes;
    into.sampled ||= row.sampled;
    for (const [reason, n] of Object.entries(row.skipped)) into.skipped[reason] = (into.skipped[reason] ?? 0) + n;
  }
  return [...merged.values()];
}

/** Adds up the rows of a table read as key ranges into one: counts add, how it was read is the plan's. */
function mergeTables(rows: readonly TableCoverage[]): TableCoverage[] {
  const out: TableCoverage[] = [];
  const split = new Map<string, TableCoverage>();
  for (const row of rows) {
    const key = `${row.source}\0${row.table}`;
    const into = row.ranges === undefined ? undefined : split.get(key);
    if (into === undefined) {
      out.push({ ...row });
      if (row.ranges !== undefined) split.set(key, out[out.length - 1]!);
      continue;
    }
    into.rowsScanned += row.rowsScanned;
    into.skippedValues += row.skippedValues;
    into.ranges! += row.ranges!;
  }
  return out;
}

/**
 * Adds a target's results (its plan's first, then its units' in plan order) into the coverage and
 * returns its errors in the same order. A target that read nothing and has no error of
 * its own gets one: a scan that read nothing never passes.
 */
export function finishTarget({
  coverage,
  source,
  results,
  nothingRead,
}: {
  coverage: Coverage;
  source: SourceCoverage;
  results: readonly SourceResult[];
  /** Absent in a shard's part: whether a target read nothing is known only once parts are merged. */
  nothingRead: string | undefined;
}): SourceError[] {
  for (const r of results) addResult(coverage, source, r);
  coverage.tables.push(...mergeTables(results.flatMap((r) => r.tables)).sort((a, b) => a.table.localeCompare(b.table)));
  coverage.objects.push(...mergeObjects(results.flatMap((r) => r.objects)));
  const errors = results.flatMap((r) => r.errors);
  if (nothingRead !== undefined && errors.length === 0 && !results.some((r) => r.read))
    errors.push({ source: source.target, message: nothingRead });
  return errors;
}

/** Adds a target's results under its shown name (a target given twice is one source of the coverage). */
export function addTarget(
  coverage: Coverage,
  {
    target,
    results,
    nothingRead,
  }: { target: string; results: readonly SourceResult[]; nothingRead: string | undefined },
): SourceError[] {
  let source = coverage.sources.find((s) => s.target === target);
  if (source === undefined) coverage.sources.push((source = { target, files: 0, bytes: 0, lines: 0 }));
  return finishTarget({ coverage, source, results, nothingRead });
}
