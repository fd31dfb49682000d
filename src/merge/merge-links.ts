/**
 * Linkable pseudonyms across the parts of a sharded scan made with a link key: the comparison one
 * process makes (link-matcher.ts), on sealed keys, in bounded memory. The first pass (as the merge
 * reads each part) keeps the hashed sites' digests, no more per site than a sample holds, and of
 * the plaintext sites only where each unit's share lies and how many values it hashed. Then the
 * units a scan in one process would have sampled are known; a second pass reads again only the
 * parts holding some, one at a time, and streams their keys through the matcher.
 */
import type { Linkable } from '../sites/finding.js';
import { HASHED_VALUES_PER_SITE, PLAIN_VALUES_PER_SITE, toSiteKey, type LinkSite } from '../sites/link-samples.js';
import {
  compareRanks as comparePlaces,
  createLinkMatcher,
  type HashedSiteSample,
  type LinkRank,
} from '../sites/link-matcher.js';
import type { PartLinks } from '../runner/shard/part-links.js';
import { splitSealed } from '../runner/shard/link-key.js';
import { UserError } from '../errors/user-error.js';
import type { PartSource } from './merge-parts.js';

interface HashedSite {
  site: LinkSite;
  /** Units' digests in plan order, each cleared once the units before it fill the sample. */
  units: Array<{ at: number[]; keys: string[] }>;
  kinds: Record<string, number>;
}

interface PlainSite {
  site: LinkSite;
  /** Units' places, values hashed and the part holding them, in plan order once all are in. */
  units: Array<{ at: number[]; values: number; part: number; order: number }>;
}

/** Inserts in plan order (parts come in any order) and clears what the units before leave no room for. */
function addHashedUnit(into: HashedSite, at: number[], keys: string[]): void {
  let i = into.units.length;
  while (i > 0 && comparePlaces(into.units[i - 1]!.at, at) > 0) i--;
  into.units.splice(i, 0, { at, keys });
  let before = 0;
  for (const unit of into.units) {
    if (before >= HASHED_VALUES_PER_SITE) unit.keys = [];
    before += unit.keys.length;
  }
}

const toPlaceKey = (siteKey: string, at: readonly number[]) => `${siteKey}\0${at.join(',')}`;

export function createLinkCollector() {
  const hashed = new Map<string, HashedSite>();
  const plain = new Map<string, PlainSite>();
  return {
    /** Pass one: a part's samples, as the merge reads it. */
    addPart(part: number, links: PartLinks): void {
      for (const unit of links.units) {
        for (const [order, sample] of unit.plain.entries()) {
          const site = links.sites[sample.site]!;
          const key = toSiteKey(site);
          let into = plain.get(key);
          if (into === undefined) plain.set(key, (into = { site, units: [] }));
          into.units.push({ at: unit.at, values: sample.values, part, order });
        }
        for (const sample of unit.hashed) {
          const site = links.sites[sample.site]!;
          const key = toSiteKey(site);
          let into = hashed.get(key);
          if (into === undefined) hashed.set(key, (into = { site, units: [], kinds: {} }));
          for (const [kind, n] of Object.entries(sample.kinds)) into.kinds[kind] = (into.kinds[kind] ?? 0) + n;
          addHashedUnit(into, unit.at, splitSealed(sample.keys));
        }
      }
    },
    /** Pass two: reads again the parts holding sampled plaintext and returns the links found. */
    async compare(parts: readonly PartSource[]): Promise<Map<string, Linkable>> {
      const samples = new Map<string, HashedSiteSample>();
      for (const [key, { site, units, kinds }] of hashed) {
        const keys = units.flatMap((u) => u.keys).slice(0, HASHED_VALUES_PER_SITE);
        if (keys.length > 0) samples.set(key, { ...site, keys, kinds });
      }
      if (samples.size === 0) return new Map();
      // A unit's share is sampled while the site's units before it hashed fewer values than a sample holds.
      const ranks = new Map<string, LinkRank>();
      const sampled = new Set<string>();
      const reread = new Set<number>();
      for (const [key, { units }] of plain) {
        units.sort((a, b) => comparePlaces(a.at, b.at));
        ranks.set(key, [...units[0]!.at, units[0]!.order]);
        let before = 0;
        for (const unit of units) {
          if (before >= PLAIN_VALUES_PER_SITE) break;
          before += unit.values;
          sampled.add(toPlaceKey(key, unit.at));
          reread.add(unit.part);
        }
      }
      const matcher = createLinkMatcher(samples);
      for (const index of [...reread].sort((a, b) => a - b)) {
        const source = parts[index]!;
        const links = (await source.read()).shard?.links;
        if (links === undefined) throw new UserError(`${source.name}: changed while the merge read it`);
        for (const unit of links.units)
          for (const sample of unit.plain) {
            const site = links.sites[sample.site]!;
            const key = toSiteKey(site);
            if (sampled.has(toPlaceKey(key, unit.at)))
              matcher.add(site, ranks.get(key)!, new Set(splitSealed(sample.keys)));
          }
      }
      return matcher.links();
    },
  };
}
