/**
 * The plan of a sharded scan: every target planned whole (each process plans the same), the units
 * assigned to shards (assign.ts), and this shard's units kept with their place in the plan, so a
 * merge can put every part's results back in plan order.
 */
import { emptyResult, type Connector, type SourceResult, type WorkUnit } from '../../connectors/contract.js';
import type { SourceSettings } from '../../connectors/registry.js';
import { describeUnexpectedError } from '../../errors/unexpected-error.js';
import { assignShards, toCost, toImbalance, type PlannedCost } from './assign.js';
import { createPlanDigest } from './digest.js';

/** Which shard of how many this process is (index from 0). */
export interface ShardSpec {
  index: number;
  count: number;
}

/** A target's plan as this shard reads it. */
export interface TargetPlan {
  /** This shard's units, each with its index among the target's units. */
  units: Array<{ unit: WorkUnit; index: number }>;
  /** What planning itself found (every shard finds the same). */
  planned: SourceResult;
}

export interface ShardPlan {
  targets: TargetPlan[];
  /** SHA-256 of every target's unit ids and sizes, in plan order. */
  digest: string;
  /** Units in the whole plan, and this shard's. */
  units: number;
  /** Largest shard load over the mean. */
  imbalance: number;
  /** Estimated load of each shard, in bytes of text (tables' rows weighed by ROW_BYTES). */
  loads: number[];
}

type Planned = { connector: Connector<WorkUnit, SourceSettings>; target: string };

/** Plans one target whole, as scanTarget would: a unit another target planned is read there. */
async function planTarget(
  { connector, target }: Planned,
  sources: SourceSettings,
  seen: Set<string>,
): Promise<{ units: WorkUnit[]; planned: SourceResult }> {
  const units: WorkUnit[] = [];
  let planned = emptyResult();
  let shared = false;
  try {
    const plan = connector.plan(target, sources);
    for (let next = await plan.next(); ; next = await plan.next()) {
      if (next.done) {
        planned = next.value;
        break;
      }
      if (seen.has(next.value.id)) {
        shared = true;
        continue;
      }
      units.push(next.value);
      seen.add(next.value.id);
    }
  } catch (error) {
    planned.errors.push({ source: connector.display(target), message: describeUnexpectedError(error) });
  }
  return { units, planned: shared ? { ...planned, read: true } : planned };
}

/** Plans every target and keeps this shard's units. */
export async function planShard(targets: readonly Planned[], sources: SourceSettings, shard: ShardSpec) {
  const seen = new Set<string>();
  const digest = createPlanDigest();
  const whole: Array<{ units: WorkUnit[]; planned: SourceResult }> = [];
  const costs: PlannedCost[] = [];
  for (const planned of targets) {
    const plan = await planTarget(planned, sources, seen);
    const shown = planned.connector.display(planned.target);
    for (const unit of plan.units) {
      digest.add(shown, unit);
      costs.push({ id: unit.id, cost: toCost(unit.size) });
    }
    whole.push(plan);
  }
  const { shardOf, loads } = assignShards(costs, shard.count);
  return {
    targets: whole.map(({ units, planned }) => ({
      planned,
      units: units.flatMap((unit, index) => (shardOf.get(unit.id) === shard.index ? [{ unit, index }] : [])),
    })),
    digest: digest.digest(),
    units: costs.length,
    imbalance: toImbalance(loads),
    loads,
  } satisfies ShardPlan;
}
