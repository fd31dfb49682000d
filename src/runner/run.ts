/**
 * A scan: each target through the connector that claims it (scan-target.ts), every unit's findings
 * merged into one aggregation and every result into the coverage, in target and plan order.
 * Nothing here names a kind of source: sources are the registry's.
 */
import type { Connector, OnRead, WorkUnit } from '../connectors/contract.js';
import { CONNECTORS, connectorFor, type SourceSettings } from '../connectors/registry.js';
import type { Finding } from '../sites/finding.js';
import type { ScanSettings } from '../sites/settings.js';
import {
  addHits,
  createFindingsAggregator,
  createRecordScanner,
  selectDetectors,
  type ScanSink,
} from '../sites/record-scanner.js';
import { toFieldNames } from '../engine/detector-set.js';
import { detectorNamedBy } from '../engine/key-names.js';
import { maskSourceError, type SourceError } from '../errors/source-error.js';
import { addTarget, emptyCoverage, type Coverage } from './coverage.js';
import { scanTarget } from './scan-target.js';
import { emptyLinkSamples, mergeLinkSamples } from '../sites/link-samples.js';
import { findLinks, markLinkable } from '../sites/find-links.js';
import { planShard, type ShardSpec, type TargetPlan } from './shard/plan-shard.js';
import { createPendingStore } from '../sites/pending-columns.js';
import { replayPlan, toShardRecord, type PositionedResult, type ShardRecord } from './shard/part-record.js';
import type { WorkerSink } from './worker-pool.js';
import type { LinkKey } from './shard/link-key.js';
import { createPartLinks } from './shard/part-links.js';

export interface ScanProgress {
  /** Units (files, objects, tables) finished, of those planned so far. */
  files: number;
  totalFiles: number;
  /** Bytes scanned (after decompression). */
  bytes: number;
  /** Occurrences kept so far (before aggregation into findings). */
  matches: number;
}

export interface ScanOptions {
  /** What each source is told (how to find files, reach buckets, read databases). */
  sources: SourceSettings;
  /** Worker threads; `auto` uses every core for scans over 64 MiB of text or 200,000 rows. */
  jobs: number | 'auto';
  onProgress?: (progress: ScanProgress) => void;
  /**
   * What each unit's records go to instead of the detectors (`locate`); on this thread only, unless
   * `workerSink` makes the same on worker threads.
   */
  newSink?: () => ScanSink;
  workerSink?: WorkerSink;
  /** Called with what the caller's own sinks found in each unit (ScanSink.extra), in plan order. */
  mergeExtras?: (extras: unknown[]) => void;
  /** Read only this shard's units of the plan (the result then says where each result belongs). */
  shard?: ShardSpec;
  /** A sharded scan's link key: its part then carries the link samples, sealed, for the merge. */
  linkKey?: LinkKey;
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
  /** A sharded scan's record, for its part. */
  shard?: ShardRecord;
}

/**
 * The targets other sources make of the binary files a target's units could not read; the files
 * no source claims are skipped as binary, each in its unit's result.
 */
async function claimOpaque(results: readonly PositionedResult[]): Promise<Array<{ at: number[]; target: string }>> {
  const inner: Array<{ at: number[]; target: string }> = [];
  for (const { at, result } of results) {
    let claims = 0;
    for (const { path, file } of result.opaque ?? []) {
      let claimed: string | undefined;
      for (const c of CONNECTORS) claimed ??= await c.claimsFile?.(file);
      if (claimed === undefined) result.skipped.push({ path, reason: 'binary' });
      // After every unit of the target, in the order of the unit that met it.
      else inner.push({ at: [at[0]!, 2, at[2] ?? 0, claims++], target: claimed });
    }
  }
  return inner;
}

export async function scanTargets(
  targets: string[],
  settings: ScanSettings,
  options: ScanOptions,
): Promise<ScanResult> {
  const startedAt = new Date();
  const aggregator = createFindingsAggregator(settings);
  const coverage = emptyCoverage();
  const errors: SourceError[] = [];
  const valueHits: Record<number, number> = {};
  const links = emptyLinkSamples();
  const partLinks = options.shard && options.linkKey ? createPartLinks(options.linkKey) : undefined;
  // Tables read as key ranges are judged once all their ranges are in: here, or by the merge of parts.
  const pending = createPendingStore(settings);
  const progress: ScanProgress = { files: 0, totalFiles: 0, bytes: 0, matches: 0 };
  const onRead: OnRead = (bytes, matches) => {
    progress.bytes += bytes;
    progress.matches += matches;
    options.onProgress?.(progress);
  };
  const fieldNames = toFieldNames(selectDetectors(settings.detectorIds));
  const shared = {
    settings,
    sources: options.sources,
    jobs: options.newSink && !options.workerSink ? 1 : options.jobs,
    newSink: options.newSink ?? createRecordScanner(settings),
    ...(options.workerSink ? { workerSink: options.workerSink } : {}),
    named: (hint: string) => detectorNamedBy(fieldNames, hint) !== undefined,
    ...(targets.length > 1 ? { seen: new Set<string>() } : {}),
    onPlanned: () => progress.totalFiles++,
    ...(options.onProgress ? { onRead } : {}),
  };
  /** A target's results, each with its place: `at` prefixes the plan's, then a unit's index follows. */
  const scanOne = async (
    connector: Connector<WorkUnit, SourceSettings>,
    target: string,
    at: number[],
    plan?: TargetPlan,
  ): Promise<PositionedResult[]> => {
    const results: PositionedResult[] = [];
    const planned = await scanTarget({
      ...shared,
      connector,
      target,
      ...(plan ? { units: replayPlan(plan) } : {}),
      merge(outcome) {
        aggregator.merge(outcome.findings);
        addHits(valueHits, outcome.valueHits);
        const index = plan ? plan.units[results.length]!.index : results.length;
        const place = [...at, 1, index];
        // Sealed before the scan's own merge, which may extend a unit's samples in place.
        if (outcome.links !== undefined) partLinks?.add(place, outcome.links);
        if (outcome.links !== undefined) mergeLinkSamples(links, outcome.links);
        if (outcome.pending !== undefined) pending.add(outcome.pending);
        if (outcome.extras !== undefined) options.mergeExtras?.(outcome.extras);
        results.push({ at: place, result: outcome.result });
        progress.files++;
        options.onProgress?.(progress);
      },
    });
    return [{ at: [...at, 0], result: planned }, ...results];
  };
  const connectors = targets.map((target) => ({ target, connector: connectorFor(target) }));
  const plan = options.shard ? await planShard(connectors, options.sources, options.shard) : undefined;
  const shown: string[] = [];
  const kept: PositionedResult[] = [];
  for (const [t, { target, connector }] of connectors.entries()) {
    const display = connector.display(target);
    shown.push(display);
    const results = await scanOne(connector, target, [t], plan?.targets[t]);
    // Files another source reads (a database file in a folder) are scanned as part of this target.
    for (const inner of await claimOpaque(results))
      results.push(...(await scanOne(connectorFor(inner.target), inner.target, inner.at)));
    const nothingRead = plan ? undefined : connector.nothingRead;
    errors.push(...addTarget(coverage, { target: display, results: results.map((r) => r.result), nothingRead }));
    if (plan) kept.push(...results);
  }
  if (!plan) aggregator.merge(pending.judge());
  // Whatever a driver or the system put in a message, no URL credentials reach the report.
  const masked = errors.map(maskSourceError);
  return {
    targets: shown,
    startedAt,
    finishedAt: new Date(),
    // Hashed columns whose values are digests of plaintext found elsewhere, once every unit is read.
    findings: markLinkable(aggregator.findings(), findLinks(links)),
    coverage,
    errors: masked,
    valueHits,
    ...(plan && options.shard
      ? {
          shard: toShardRecord({
            spec: options.shard,
            plan,
            results: kept,
            connectors: connectors.map((c) => c.connector),
            pending: pending.toPending(),
            ...(partLinks ? { links: partLinks.toRecord() } : {}),
          }),
        }
      : {}),
  };
}
