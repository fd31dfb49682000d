/**
 * Merges the parts of a sharded scan into what one process scanning the same targets would have
 * found: findings aggregated by fingerprint, every unit's result put back in plan order and added
 * up by the same code as a scan's. Parts are read one at a time, so memory holds the merged
 * findings and results, never all parts at once.
 */
import type { Report } from '../report/report.js';
import type { Finding } from '../sites/finding.js';
import type { SourceError } from '../errors/source-error.js';
import { addHits, createFindingsAggregator } from '../sites/record-scanner.js';
import { addTarget, emptyCoverage } from '../runner/coverage.js';
import type { ScanResult } from '../runner/run.js';
import { fromCompactResult, type PositionedResult } from '../runner/shard/part-record.js';
import { createPendingStore, type PendingStore } from '../sites/pending-columns.js';
import { checkPart, createPartChecks } from './part-checks.js';
import { createLinkCollector } from './merge-links.js';
import { markLinkable } from '../sites/find-links.js';
import { compareRanks } from '../sites/link-matcher.js';

/** A part as read from its file. */
export interface PartSource {
  /** The name problems are told by (a path, an s3:// URI). */
  name: string;
  read(): Promise<Report>;
}

export interface MergeOutcome {
  result: ScanResult;
  /** The first part, for its settings and config (every part has the same). */
  first: Report;
  /** Shards no part was given for (only with allowPartial). */
  missing: number[];
}

/** A part's finding as the aggregator had it: what the pipeline and gate added is added again after the merge. */
function toAggregated(finding: Finding): Finding {
  const aggregated = { ...finding, new: true };
  delete aggregated.owner;
  delete aggregated.allowed;
  delete aggregated.inBaseline;
  return aggregated;
}

export interface MergeOptions {
  /** Merge even with shards missing. */
  allowPartial: boolean;
  /** The check of the merge's own link key (`--link-key-env`): every part must have been made with it. */
  keyCheck?: string;
}

/** Merges parts; throws a UserError naming every part that does not belong and every shard missing. */
export async function mergeParts(parts: readonly PartSource[], options: MergeOptions): Promise<MergeOutcome> {
  const checks = createPartChecks(options.keyCheck);
  const links = createLinkCollector();
  let first: Report | undefined;
  let aggregator: ReturnType<typeof createFindingsAggregator> | undefined;
  let pending: PendingStore | undefined;
  const results: PositionedResult[] = [];
  const valueHits: Record<number, number> = {};
  let startedAt = '';
  let finishedAt = '';
  for (const [index, source] of parts.entries()) {
    const part = await checkPart(checks, source);
    if (part === undefined) continue;
    const shard = part.shard!;
    if (shard.links !== undefined) links.addPart(index, shard.links);
    if (first === undefined) {
      first = part;
      const { detectors, maxLocations } = part.settings;
      aggregator = createFindingsAggregator({
        detectorIds: detectors,
        maxLocations,
        minConfidence: 0,
        showValues: false,
        serviceField: '',
        services: [],
        allowValues: [],
      });
      pending = createPendingStore({ detectorIds: detectors, maxLocations });
    }
    aggregator!.merge(part.findings.map(toAggregated));
    if (shard.columns !== undefined) pending!.add(shard.columns);
    // What planning found is in every part: it is counted once.
    for (const r of shard.results)
      if (r.at[1] !== 0 || first === part) results.push({ at: r.at, result: fromCompactResult(r.result) });
    addHits(valueHits, shard.valueHits);
    if (startedAt === '' || part.startedAt < startedAt) startedAt = part.startedAt;
    if (part.finishedAt > finishedAt) finishedAt = part.finishedAt;
  }
  const missing = checks.finish(options.allowPartial);
  aggregator!.merge(pending!.judge());
  const shard = first!.shard!;
  results.sort((a, b) => compareRanks(a.at, b.at));
  const coverage = emptyCoverage();
  const errors: SourceError[] = [];
  for (const [t, target] of first!.targets.entries()) {
    const own = results.filter((r) => r.at[0] === t).map((r) => r.result);
    // With shards missing, a target that read nothing may have been theirs: coverage says which are missing.
    const nothingRead = missing.length > 0 ? undefined : shard.nothingRead[t];
    errors.push(...addTarget(coverage, { target, results: own, nothingRead }));
  }
  if (missing.length > 0) coverage.missingShards = missing;
  // Parts of one key all carry samples (part-checks.ts): across shards, or each shard's own marks.
  const keyed = shard.links !== undefined;
  coverage.linkablePseudonyms = keyed ? 'across-shards' : 'within-shards';
  const findings = aggregator!.findings();
  return {
    first: first!,
    missing,
    result: {
      targets: first!.targets,
      startedAt: new Date(startedAt),
      finishedAt: new Date(finishedAt),
      findings: keyed ? markLinkable(findings, await links.compare(parts)) : findings,
      coverage,
      errors,
      valueHits,
    },
  };
}
