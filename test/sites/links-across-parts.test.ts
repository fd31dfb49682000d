// The merge's comparison of sealed link samples (merge-links.ts) against one process's: units of
// a plan spread over parts in any order give the same links, bounds and ties included.
import { describe, expect, it } from 'vitest';
import { findLinks } from '../../src/sites/find-links.js';
import { emptyLinkSamples, mergeLinkSamples, type LinkSamples } from '../../src/sites/link-samples.js';
import { createPartLinks } from '../../src/runner/shard/part-links.js';
import { toLinkKey } from '../../src/runner/shard/link-key.js';
import { createLinkCollector } from '../../src/merge/merge-links.js';
import type { PartSource } from '../../src/merge/merge-parts.js';
import type { Report } from '../../src/report/report.js';

const keys = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

interface UnitSpec {
  plain?: Array<{ uri: string; keys: string[] }>;
  hashed?: Array<{ uri: string; keys: string[]; kind: string }>;
}

function toSamples(spec: UnitSpec): LinkSamples {
  const samples = emptyLinkSamples();
  for (const { uri, keys } of spec.plain ?? [])
    samples.plain.set(`${uri}\0\0email`, {
      uri,
      detector: 'email',
      values: keys.length,
      keys: new Map(keys.map((k) => [k, 'sha256'])),
    });
  for (const { uri, keys, kind } of spec.hashed ?? [])
    samples.hashed.set(`${uri}\0\0email`, { uri, detector: 'email', keys: [...keys], kinds: { [kind]: keys.length } });
  return samples;
}

/** One process: units merged in plan order. A merge: each part's units, the parts read in the order given. */
async function bothWays(units: UnitSpec[], partOf: (unit: number) => number, parts: number) {
  const whole = emptyLinkSamples();
  for (const unit of units) mergeLinkSamples(whole, toSamples(unit));
  const key = toLinkKey('a key of sixteen or more');
  const builders = Array.from({ length: parts }, () => createPartLinks(key));
  units.forEach((unit, i) => builders[partOf(i)]!.add([0, 1, i], toSamples(unit)));
  const records = builders.map((b) => b.toRecord());
  const sources: PartSource[] = records.map((links, i) => ({
    name: `part-${i}`,
    read: () => Promise.resolve({ shard: { links } } as Report),
  }));
  const collector = createLinkCollector();
  records.forEach((links, i) => collector.addPart(i, links));
  return { single: findLinks(whole), merged: await collector.compare(sources), records };
}

describe('links compared across parts', () => {
  it('sample bounds: plaintext units past 10,000 values and digests past 1,000 are left out alike', async () => {
    const units: UnitSpec[] = [
      { plain: [{ uri: 'p', keys: keys('a', 0, 4000) }] },
      { hashed: [{ uri: 'h', keys: keys('d', 0, 600), kind: 'sha256-hex' }] },
      { plain: [{ uri: 'p', keys: keys('b', 0, 4000) }] },
      { hashed: [{ uri: 'h', keys: keys('a', 0, 600), kind: 'md5-hex' }] },
      { plain: [{ uri: 'p', keys: keys('c', 0, 4000) }] },
      { hashed: [{ uri: 'h', keys: keys('c', 0, 600), kind: 'md5-hex' }] },
      // Past the plaintext sample: these digests of the first hashed unit match nothing.
      { plain: [{ uri: 'p', keys: keys('d', 0, 4000) }] },
    ];
    for (const partOf of [(i: number) => i % 3, (i: number) => 2 - (i % 3), (i: number) => (i < 4 ? 1 : 0)]) {
      const { single, merged } = await bothWays(units, partOf, 3);
      expect(single.get('h\0\0email')).toEqual({ source: 'p', digest: 'md5-hex', share: 0.4, sampled: 1000 });
      expect(merged).toEqual(single);
    }
  });

  it('a tie goes to the plaintext site first in plan order, whichever part holds it', async () => {
    // q1 comes first (its first unit matches nothing), q2 matches as many digests as q1 does later.
    const units: UnitSpec[] = [
      { plain: [{ uri: 'q1', keys: keys('z', 0, 3) }] },
      {
        plain: [
          { uri: 'late', keys: keys('x', 0, 3) },
          { uri: 'q2', keys: keys('x', 0, 5) },
        ],
      },
      { hashed: [{ uri: 'h', keys: keys('x', 0, 10), kind: 'sha1-hex' }] },
      { plain: [{ uri: 'q1', keys: keys('x', 5, 10) }] },
    ];
    for (const partOf of [(i: number) => 1 - (i % 2), (i: number) => (i === 0 ? 1 : 0)]) {
      const { single, merged } = await bothWays(units, partOf, 2);
      expect(single.get('h\0\0email')).toMatchObject({ source: 'q1', share: 0.5 });
      expect(merged).toEqual(single);
    }
    // In one unit, the site it sampled first.
    const one: UnitSpec[] = [
      {
        plain: [
          { uri: 'q2', keys: keys('x', 0, 5) },
          { uri: 'q1', keys: keys('x', 5, 10) },
        ],
      },
      { hashed: [{ uri: 'h', keys: keys('x', 0, 10), kind: 'sha1-hex' }] },
    ];
    const { single, merged } = await bothWays(one, (i) => 1 - i, 2);
    expect(single.get('h\0\0email')).toMatchObject({ source: 'q2', share: 0.5 });
    expect(merged).toEqual(single);
  });

  it('parts carry sealed keys only, and no unit a full site could not use', async () => {
    const units: UnitSpec[] = [
      { plain: [{ uri: 'p', keys: keys('a', 0, 10_000) }] },
      { plain: [{ uri: 'p', keys: keys('b', 0, 10) }] },
    ];
    const { records } = await bothWays(units, () => 0, 1);
    expect(records[0]!.units).toHaveLength(1);
    const text = JSON.stringify(records[0]);
    expect(text).not.toContain('"a1"');
    expect(records[0]!.units[0]!.plain[0]!.keys).toMatch(/^[A-Za-z0-9_-]{11}( [A-Za-z0-9_-]{11}){9999}$/);
  });
});
