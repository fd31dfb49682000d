/**
 * The findings of tables read as key ranges, kept unjudged until every range is read. A column's
 * verdict (its share, whether its rule drops it) weighs the whole column, so the ranges' findings
 * and column counts are added up first, by fingerprint and by column, and judged once: in one
 * process at the end of the scan, in a sharded scan by `piiscan merge` over every part. Either way
 * the verdict is the one a single read of the table would give.
 */
import type { Finding } from './finding.js';
import { createAggregator } from './aggregate.js';
import { createColumnVerdicts, type ColumnTally } from './column-verdict.js';
import { createDetectorSet } from '../engine/detector-set.js';
import { createOwnership } from './ownership.js';
import { selectDetectors } from './record-scanner.js';

/** What ranges of tables came to before their columns are judged: plain data, so a part can hold it. */
export interface PendingColumns {
  /** Findings aggregated by fingerprint, without share or rowsScanned. */
  findings: Finding[];
  /** The counts of every column the ranges read. */
  columns: ColumnTally[];
  /** Rows read, by unit group (table). */
  rows: Record<string, number>;
}

export interface PendingStore {
  add(pending: PendingColumns): void;
  /** What was added, or undefined when nothing was. */
  toPending(): PendingColumns | undefined;
  /** The findings judged over their whole columns, each with its table's rows scanned. */
  judge(): Finding[];
}

export function createPendingStore({ detectorIds, maxLocations }: { detectorIds: string[]; maxLocations: number }) {
  const detectors = selectDetectors(detectorIds);
  // Findings here are partial ones merged by fingerprint: owners were resolved where they were found.
  const aggregator = createAggregator({ detectors, resolveOwner: createOwnership([], ''), maxLocations });
  let set: ReturnType<typeof createDetectorSet> | undefined;
  const columns = createColumnVerdicts(() => (set ??= createDetectorSet(detectors)));
  const rows: Record<string, number> = {};
  let added = false;
  return {
    add(pending) {
      added = true;
      aggregator.merge(pending.findings);
      for (const [group, n] of Object.entries(pending.rows)) rows[group] = (rows[group] ?? 0) + n;
      for (const tally of pending.columns) columns.addTally(tally);
    },
    toPending: () => (added ? { findings: aggregator.findings(), columns: columns.tallies(), rows } : undefined),
    judge() {
      return columns.judge(aggregator.findings()).map((f) => {
        const group = columns.groupOf(f);
        return group === undefined ? f : { ...f, rowsScanned: rows[group] ?? 0 };
      });
    },
  } satisfies PendingStore;
}
