// The seeded per-group reservoir that object stores and Redis sample groups with.
import { describe, expect, it } from 'vitest';
import { createGroupSample } from '../../src/connectors/group-sample.js';

function sampleOf(items: Array<[string, number]>, size: number, seed: number) {
  const sample = createGroupSample<number>(size, seed);
  for (const [group, item] of items) sample.offer(group, item);
  return sample;
}

const ITEMS: Array<[string, number]> = Array.from({ length: 300 }, (_, i) => [i % 3 === 0 ? 'small' : 'large', i]);
const SMALL_ONLY = ITEMS.filter(([group]) => group === 'small').slice(0, 4);

describe('createGroupSample', () => {
  it('keeps every item of a group no larger than the sample, and says nothing was sampled', () => {
    const sample = sampleOf(SMALL_ONLY, 5, 1);
    expect(sample.picks()).toEqual(SMALL_ONLY.map(([group, item]) => ({ group, item })));
    expect(sample.sampled()).toBe(false);
    expect(sample.groups()).toBe(1);
  });

  it('keeps `size` items of each larger group, all of that group, and says it sampled', () => {
    const sample = sampleOf(ITEMS, 10, 7);
    const picks = sample.picks();
    for (const group of ['small', 'large']) {
      const mine = picks.filter((p) => p.group === group).map((p) => p.item);
      expect(mine).toHaveLength(10);
      expect(new Set(mine).size).toBe(10);
      for (const item of mine) expect(ITEMS[item]![0]).toBe(group);
    }
    expect(sample.sampled()).toBe(true);
    expect(sample.groups()).toBe(2);
  });

  it('repeats its picks for the same seed and reaches past the first items', () => {
    const picks = (seed: number) => sampleOf(ITEMS, 10, seed).picks();
    expect(picks(7)).toEqual(picks(7));
    expect(picks(7)).not.toEqual(picks(8));
    expect(Math.max(...picks(7).map((p) => p.item))).toBeGreaterThan(30);
  });
});
