/**
 * What every source does with its records, files and tables alike: detect, drop what is under
 * --min-confidence or accepted by a value allow rule (counted), and aggregate the rest.
 */
import type { Finding } from './finding.js';
import type { RecordSink } from '../connectors/contract.js';
import { detectors as allDetectors } from '../../detectors/index.js';
import { createDetectorSet } from '../engine/detector-set.js';
import { compilePatternTest } from '../engine/regex.js';
import { scanRecord } from '../engine/scan-record.js';
import { createAggregator, type Aggregator } from './aggregate.js';
import { createColumnVerdicts } from './column-verdict.js';
import { createOwnership } from './ownership.js';
import type { ScanSettings } from './settings.js';
import { emptyLinkSamples, sampleLinks, type LinkSamples } from './link-samples.js';
import { keyOfRow, type SiteKind } from '../connectors/records.js';
import { createRecordDates } from './record-dates.js';
import type { PendingColumns } from './pending-columns.js';

/** Site kinds whose values records are columns (a table's; a CSV or Parquet file's). */
const COLUMN_SITES = new Set<SiteKind>(['column', 'file']);

/** A key value with an `@` or a run of nine digits may be an email, a phone number or an SSN: not shown. */
const MAYBE_PII = /@|\d{9}/;

function toShownKey(key: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(key).map(([k, v]) => [k, MAYBE_PII.test(v) ? '***' : v]));
}

export function selectDetectors(ids: readonly string[]) {
  return ids.length === 0 ? allDetectors : allDetectors.filter((d) => ids.includes(d.id));
}

/** Scans and aggregates the records of one unit of work (a file, a table) as they come. */
export interface ScanSink extends RecordSink {
  findings(): Finding[];
  /** Occurrences each value allow rule accepted, by rule index. */
  valueHits: Record<number, number>;
  /** Digest samples of the columns read, for linkable pseudonyms (link-samples.ts). */
  links: LinkSamples;
  /**
   * The findings of columns of tables read as key ranges, unjudged, with their counts (rows are
   * the reader's to add); findings() leaves them out. Undefined when there are none.
   */
  pending?(): PendingColumns | undefined;
  /** What else a caller's own sink (`locate`'s) found in the unit, for the caller to merge. */
  extra?(): unknown;
}

/** What a sink's unit came to, as a worker or a reader hands it on. */
export function toScanTotals(sink: ScanSink) {
  const pending = sink.pending?.();
  return {
    findings: sink.findings(),
    valueHits: sink.valueHits,
    links: sink.links,
    ...(pending ? { pending } : {}),
    ...(sink.extra ? { extras: [sink.extra()] } : {}),
  };
}

/** An aggregator that merges the findings of units of work (files, objects, tables) into a scan's. */
export function createFindingsAggregator(settings: ScanSettings): Aggregator {
  return createAggregator({
    detectors: selectDetectors(settings.detectorIds),
    resolveOwner: createOwnership(settings.services, settings.serviceField),
    maxLocations: settings.maxLocations,
  });
}

/** Adds one set of per-rule value allow counts into another. */
export function addHits(into: Record<number, number>, from: Record<number, number>): void {
  for (const [rule, n] of Object.entries(from)) into[Number(rule)] = (into[Number(rule)] ?? 0) + n;
}

/**
 * Compiles the settings once, on the first record scanned (a thread that hands every record to
 * worker threads never compiles the detectors); each call of the result starts a new sink.
 */
export function createRecordScanner(settings: ScanSettings): () => ScanSink {
  const detectors = selectDetectors(settings.detectorIds);
  const resolveOwner = createOwnership(settings.services, settings.serviceField);
  let compiled: { set: ReturnType<typeof createDetectorSet>; analyze: Parameters<typeof scanRecord>[2] } | undefined;
  const compile = () => {
    const allowPatterns = settings.allowValues.map((r) => ({
      rule: r.rule,
      pattern: compilePatternTest(`^(?:${r.pattern})$`),
    }));
    const analyze = {
      showValues: settings.showValues,
      serviceField: settings.serviceField,
      maxLocations: settings.maxLocations,
      ...(allowPatterns.length > 0
        ? { allowValue: (value: string) => allowPatterns.find((p) => p.pattern.test(value))?.rule }
        : {}),
    };
    return { set: createDetectorSet(detectors), analyze };
  };
  return () => {
    const aggregator = createAggregator({ detectors, resolveOwner, maxLocations: settings.maxLocations });
    const valueHits: Record<number, number> = {};
    const columns = createColumnVerdicts(() => (compiled ??= compile()).set);
    const links = emptyLinkSamples();
    return {
      scan(record) {
        const { set, analyze } = (compiled ??= compile());
        // A column's values (a table's, a CSV or Parquet file's) are counted, and its occurrences, for its
        // verdict. Values grouped otherwise (a Redis key group's, an object's) are no column: a share of
        // them says nothing of the kind.
        const column =
          record.kind === 'values' && COLUMN_SITES.has(record.origin.siteKind) ? columns.addRecord(record) : undefined;
        let kept = 0;
        const found = { plaintext: new Set<string>(), hashed: new Set<string>() };
        const dateOf = settings.dates ? createRecordDates(record) : undefined;
        for (let o of scanRecord(set, record, analyze)) {
          if (o.form === 'hashed' || (o.form === 'plaintext' && o.whole)) found[o.form].add(o.detector);
          if (o.confidence < settings.minConfidence) continue;
          if (o.allowedBy !== undefined) {
            valueHits[o.allowedBy] = (valueHits[o.allowedBy] ?? 0) + 1;
            continue;
          }
          if (column !== undefined) o = columns.addOccurrence(column, o);
          const key = record.kind === 'values' ? keyOfRow(record.keys, o.line) : undefined;
          aggregator.add(
            record.origin,
            o,
            key && !analyze.showValues ? toShownKey(key) : key,
            dateOf?.(o.line, o.count),
          );
          kept += o.count ?? 1;
        }
        if (record.kind === 'values') sampleLinks(links, record, found);
        return kept;
      },
      // Records are scanned as they come: the reader never waits.
      wait: () => undefined,
      findings: () => columns.judge(aggregator.findings().filter((f) => columns.groupOf(f) === undefined)),
      pending() {
        const tallies = columns.tallies();
        if (tallies.length === 0) return undefined;
        const findings = aggregator.findings().filter((f) => columns.groupOf(f) !== undefined);
        return { findings, columns: tallies, rows: {} };
      },
      valueHits,
      links,
    };
  };
}
