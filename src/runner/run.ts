/**
 * A scan: each target through the connector that claims it (scan-target.ts), every unit's findings
 * merged into one aggregation and every result into the coverage, in target and plan order.
 * Nothing here names a kind of source: sources are the registry's.
 */
import type { Connector, OnRead, SourceResult, WorkUnit } from '../connectors/contract.js';
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
import { detectorNamedBy } from '../engine/detect.js';
import type { SourceError } from '../errors/source-error.js';
import { maskUrlCredentials } from '../errors/url-credentials.js';
import { emptyCoverage, finishTarget, type Coverage } from './coverage.js';
import { scanTarget } from './scan-target.js';
import { emptyLinkSamples, mergeLinkSamples } from '../sites/link-samples.js';
import { markLinkable } from '../sites/find-links.js';

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
  /** What each unit's records go to instead of the detectors (`locate`); its scans run on this thread. */
  newSink?: () => ScanSink;
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

/**
 * The targets other sources make of the binary files a target's units could not read; the files
 * no source claims are skipped as binary, each in its unit's result.
 */
async function claimOpaque(results: readonly SourceResult[]): Promise<string[]> {
  const inner: string[] = [];
  for (const r of results) {
    for (const { path, file } of r.opaque ?? []) {
      let claimed: string | undefined;
      for (const c of CONNECTORS) claimed ??= await c.claimsFile?.(file);
      if (claimed === undefined) r.skipped.push({ path, reason: 'binary' });
      else inner.push(claimed);
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
    jobs: options.newSink ? 1 : options.jobs,
    newSink: options.newSink ?? createRecordScanner(settings),
    named: (hint: string) => detectorNamedBy(fieldNames, hint) !== undefined,
    ...(targets.length > 1 ? { seen: new Set<string>() } : {}),
    onPlanned: () => progress.totalFiles++,
    ...(options.onProgress ? { onRead } : {}),
  };
  const scanOne = async (connector: Connector<WorkUnit, SourceSettings>, target: string): Promise<SourceResult[]> => {
    const results: SourceResult[] = [];
    const planned = await scanTarget({
      ...shared,
      connector,
      target,
      merge(outcome) {
        aggregator.merge(outcome.findings);
        addHits(valueHits, outcome.valueHits);
        if (outcome.links !== undefined) mergeLinkSamples(links, outcome.links);
        results.push(outcome.result);
        progress.files++;
        options.onProgress?.(progress);
      },
    });
    return [planned, ...results];
  };
  const shown: string[] = [];
  for (const target of targets) {
    const connector = connectorFor(target);
    const display = connector.display(target);
    shown.push(display);
    const results = await scanOne(connector, target);
    // Files another source reads (a database file in a folder) are scanned as part of this target.
    for (const inner of await claimOpaque(results)) results.push(...(await scanOne(connectorFor(inner), inner)));
    // A target given twice is one source of the coverage.
    let source = coverage.sources.find((s) => s.target === display);
    if (source === undefined) coverage.sources.push((source = { target: display, files: 0, bytes: 0, lines: 0 }));
    errors.push(...finishTarget({ coverage, source, results, nothingRead: connector.nothingRead }));
  }
  // Whatever a driver or the system put in a message, no URL credentials reach the report.
  const masked = errors.map((e) => ({ source: maskUrlCredentials(e.source), message: maskUrlCredentials(e.message) }));
  return {
    targets: shown,
    startedAt,
    finishedAt: new Date(),
    // Hashed columns whose values are digests of plaintext found elsewhere, once every unit is read.
    findings: markLinkable(aggregator.findings(), links),
    coverage,
    errors: masked,
    valueHits,
  };
}
