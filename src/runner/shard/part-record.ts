/**
 * What a shard's part holds beyond a report: which shard of which plan it is, and every result it
 * read with its place in the plan, so a merge adds them up exactly as one process would have.
 */
import { emptyResult, type Connector, type SourceResult, type WorkUnit } from '../../connectors/contract.js';
import type { SourceSettings } from '../../connectors/registry.js';
import type { ShardSpec, TargetPlan } from './plan-shard.js';
import type { PendingColumns } from '../../sites/pending-columns.js';
import { maskSourceError } from '../../errors/source-error.js';
import type { PartLinks } from './part-links.js';

/**
 * A unit's (or a plan's) result and its place: `[target, 0]` for what planning found,
 * `[target, 1, unit]` for a unit, `[target, 2, unit, n, ...]` for the n-th file of another source
 * met in that unit. Results sort by place, element by element, into plan order.
 */
export interface PositionedResult {
  at: number[];
  result: SourceResult;
}

/** The `shard` section of a part. */
export interface ShardRecord {
  /** This shard's index (from 0) and the number of shards. */
  index: number;
  count: number;
  /** SHA-256 of the plan: every unit's id and size, in order. Equal in every part of one scan. */
  plan: string;
  /** SHA-256 of the settings that change findings (set by the command, which knows them). */
  settings: string;
  /** Units in the whole plan, and those this shard read. */
  units: number;
  unitsRead: number;
  /** Largest shard's estimated load over the mean shard load (1 is perfect balance). */
  imbalance: number;
  /** Per target (in the order given): what to say when no shard read anything of it. */
  nothingRead: string[];
  /** Every result this shard added up, planning's included, with its place in the plan. */
  results: PositionedResult[];
  /** Occurrences each value allow rule accepted in this shard, by rule index. */
  valueHits: Record<number, number>;
  /**
   * The findings of the table ranges this shard read, unjudged, with their column counts and rows:
   * the merge judges each table's columns over every part's ranges. Absent when it read none.
   */
  columns?: PendingColumns;
  /**
   * With `--link-key-env`: every unit's link samples, digests sealed by the link key, for the
   * merge to find linkable pseudonyms across shards. Absent without a key.
   */
  links?: PartLinks;
}

/** Replays a shard's planned units as a connector's plan() would yield them. */
export async function* replayPlan(plan: TargetPlan): AsyncGenerator<WorkUnit, SourceResult> {
  for (const { unit } of plan.units) yield unit;
  return plan.planned;
}

/** A result without its empty fields (a part holds one per unit), and back. */
export function toCompactResult(result: SourceResult): Partial<SourceResult> {
  const compact: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(result)) {
    if (key === 'opaque' || value === 0 || value === false || (Array.isArray(value) && value.length === 0)) continue;
    compact[key] = value;
  }
  return compact;
}

export function fromCompactResult(compact: Partial<SourceResult>): SourceResult {
  return { ...emptyResult(), ...compact };
}

export function toShardRecord({
  spec,
  plan,
  results,
  connectors,
  pending,
  links,
}: {
  spec: ShardSpec;
  plan: { digest: string; units: number; imbalance: number; targets: readonly TargetPlan[] };
  results: readonly PositionedResult[];
  connectors: ReadonlyArray<Connector<WorkUnit, SourceSettings>>;
  pending?: PendingColumns | undefined;
  links?: PartLinks;
}): ShardRecord {
  return {
    index: spec.index,
    count: spec.count,
    plan: plan.digest,
    settings: '',
    units: plan.units,
    unitsRead: plan.targets.reduce((n, t) => n + t.units.length, 0),
    imbalance: Math.round(plan.imbalance * 1000) / 1000,
    nothingRead: connectors.map((c) => c.nothingRead),
    // Whatever a driver put in a message, no URL credentials reach the part (run.ts masks the report's).
    results: results.map(({ at, result }) => {
      const errors = result.errors.map(maskSourceError);
      return { at, result: toCompactResult({ ...result, errors }) as SourceResult };
    }),
    valueHits: {},
    ...(pending ? { columns: pending } : {}),
    ...(links ? { links } : {}),
  };
}
