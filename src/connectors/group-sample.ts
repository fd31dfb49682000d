/**
 * Up to `size` items of each group, chosen uniformly as they stream past (reservoir sampling) with
 * a seeded generator, so a seed repeats the sample. Memory: `size` items a group. Shared by the
 * sources that sample groups of names: object stores (object groups) and Redis (key groups).
 */
import { createRandom } from './seeded-random.js';

/** A seeded reservoir per group. */
export interface GroupSample<T> {
  /** Offers an item of a group. */
  offer(group: string, item: T): void;
  /** The items kept, each with its group. */
  picks(): Array<{ group: string; item: T }>;
  /** Whether some group had more items than were kept. */
  sampled(): boolean;
  /** How many groups were offered an item. */
  groups(): number;
}

/** A sample of up to `size` items a group, repeated by `seed`. */
export function createGroupSample<T>(size: number, seed: number): GroupSample<T> {
  const reservoirs = new Map<string, { seen: number; picked: T[] }>();
  const random = createRandom(seed);
  return {
    offer(group, item) {
      let reservoir = reservoirs.get(group);
      if (reservoir === undefined) reservoirs.set(group, (reservoir = { seen: 0, picked: [] }));
      reservoir.seen++;
      if (reservoir.picked.length < size) reservoir.picked.push(item);
      else {
        const slot = Math.floor(random() * reservoir.seen);
        if (slot < size) reservoir.picked[slot] = item;
      }
    },
    picks: () => [...reservoirs].flatMap(([group, r]) => r.picked.map((item) => ({ group, item }))),
    sampled: () => [...reservoirs.values()].some((r) => r.seen > r.picked.length),
    groups: () => reservoirs.size,
  };
}
