/**
 * Which shard reads which unit, decided by every process alone from the same plan, so shards need
 * no coordinator: units sorted by cost (largest first, then id), each given to the shard with the
 * least load so far (the lowest index on a tie). This is the longest-processing-time rule: no shard
 * ends more than one unit's cost above the mean, so shards finish at about the same time.
 */
import type { WorkUnit } from '../../connectors/contract.js';
import { ROW_BYTES } from '../../connectors/byte-ranges.js';

export { ROW_BYTES };

/** A unit's cost on the one scale shards are balanced on: bytes of text. */
export function toCost(size: WorkUnit['size']): number {
  return 'bytes' in size ? size.bytes : size.rows * ROW_BYTES;
}

/** One unit as the assignment sees it. */
export interface PlannedCost {
  id: string;
  cost: number;
}

/** The assignment: the ids each shard reads, and its load. */
export interface Assignment {
  /** Shard index of each unit id. */
  shardOf: Map<string, number>;
  /** Total cost per shard. */
  loads: number[];
}

/** A binary min-heap of shards by (load, index): the next shard to give a unit to. */
function createShardHeap(count: number) {
  const heap = Array.from({ length: count }, (_, index) => ({ index, load: 0 }));
  const less = (a: number, b: number) =>
    heap[a]!.load < heap[b]!.load || (heap[a]!.load === heap[b]!.load && heap[a]!.index < heap[b]!.index);
  const swap = (a: number, b: number) => ([heap[a], heap[b]] = [heap[b]!, heap[a]!]);
  return {
    /** Adds `cost` to the least-loaded shard and returns its index. */
    give(cost: number): number {
      const top = heap[0]!;
      top.load += cost;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let least = i;
        if (l < count && less(l, least)) least = l;
        if (r < count && less(r, least)) least = r;
        if (least === i) break;
        swap(i, least);
        i = least;
      }
      return top.index;
    },
    loads: () => heap.reduce((loads, s) => ((loads[s.index] = s.load), loads), new Array<number>(count).fill(0)),
  };
}

/** Assigns every unit of a plan to one of `count` shards (see the file's comment for the rule). */
export function assignShards(units: readonly PlannedCost[], count: number): Assignment {
  const order = [...units].sort((a, b) => b.cost - a.cost || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const heap = createShardHeap(count);
  const shardOf = new Map<string, number>();
  for (const unit of order) shardOf.set(unit.id, heap.give(unit.cost));
  return { shardOf, loads: heap.loads() };
}

/** Largest shard load over the mean (1 is perfect balance; 1 for an empty plan). */
export function toImbalance(loads: readonly number[]): number {
  const total = loads.reduce((a, b) => a + b, 0);
  if (total === 0) return 1;
  return Math.max(...loads) / (total / loads.length);
}
