// The shard assignment: the same from any process, balanced within one unit of the mean.
import { describe, expect, it } from 'vitest';
import { assignShards, toImbalance } from '../../../src/runner/shard/assign.js';
import { toRanges } from '../../../src/merge/part-checks.js';

const units = Array.from({ length: 500 }, (_, i) => ({ id: `files:f${i}`, cost: ((i * 7919) % 1000) * 1000 + 1 }));

describe('assignShards', () => {
  it('gives every unit one shard, whatever order the plan lists them in', () => {
    const a = assignShards(units, 7);
    const b = assignShards([...units].reverse(), 7);
    expect([...a.shardOf.entries()].sort()).toEqual([...b.shardOf.entries()].sort());
    expect(a.shardOf.size).toBe(units.length);
    expect(a.loads.reduce((x, y) => x + y)).toBe(units.reduce((x, u) => x + u.cost, 0));
  });

  it('keeps the largest shard within one unit of the mean', () => {
    const { loads } = assignShards(units, 16);
    const mean = loads.reduce((x, y) => x + y) / loads.length;
    expect(Math.max(...loads) - mean).toBeLessThanOrEqual(Math.max(...units.map((u) => u.cost)));
    expect(toImbalance(loads)).toBeLessThan(1.02);
  });

  it('says how far one unit larger than all the rest holds a shard back', () => {
    const { loads } = assignShards(
      [{ id: 'big', cost: 1000 }, ...units.slice(0, 3).map((u) => ({ ...u, cost: 1 }))],
      4,
    );
    expect(loads).toEqual([1000, 1, 1, 1]);
    expect(toImbalance(loads)).toBeCloseTo(1000 / (1003 / 4));
    expect(toImbalance([0, 0])).toBe(1);
  });
});

describe('toRanges', () => {
  it('writes shard indices as runs', () => {
    expect(toRanges([0, 1, 2, 5, 7, 8])).toBe('0-2, 5, 7-8');
    expect(toRanges([])).toBe('');
  });
});
