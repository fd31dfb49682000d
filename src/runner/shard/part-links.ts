/**
 * A shard's link samples as its part carries them (`shard.links`), for a merge to compare across
 * shards: each unit's samples with its place in the plan, every digest key sealed by the link key
 * (link-key.ts), sites by index. What a merge could never use is dropped as it comes: a site's
 * units once this shard's earlier ones fill its sample (the whole scan's earlier units are at
 * least as many), and a hashed unit's digests past what would fill it.
 */
import {
  HASHED_VALUES_PER_SITE,
  PLAIN_VALUES_PER_SITE,
  toSiteKey,
  type LinkSamples,
  type LinkSite,
} from '../../sites/link-samples.js';
import { joinSealed, type LinkKey } from './link-key.js';

/** A plaintext site's share of a unit: distinct values hashed, and their digests' sealed keys (joinSealed). */
export interface PartPlainSample {
  site: number;
  values: number;
  keys: string;
}

/** A hashed site's share of a unit: its digests' sealed keys in order (joinSealed), and how they were written. */
export interface PartHashedSample {
  site: number;
  keys: string;
  kinds: Record<string, number>;
}

/** A unit's samples and its place in the plan (as in `shard.results`). */
export interface PartLinkUnit {
  at: number[];
  /** In the order the unit sampled them (a tie between sources goes to the first). */
  plain: PartPlainSample[];
  hashed: PartHashedSample[];
}

/** The `shard.links` section of a part made with `--link-key-env`. */
export interface PartLinks {
  /** The link key's check: parts compare it, a merge refuses others. */
  keyCheck: string;
  /** The sites the units name by index. */
  sites: LinkSite[];
  units: PartLinkUnit[];
}

export function createPartLinks(key: LinkKey) {
  const sites = new Map<string, number>();
  const list: LinkSite[] = [];
  /** Per site index: values (plaintext) and digests (hashed) this shard sampled so far. */
  const plainSoFar = new Map<number, number>();
  const hashedSoFar = new Map<number, number>();
  const units: PartLinkUnit[] = [];
  const indexOf = (site: LinkSite) => {
    const k = toSiteKey(site);
    let index = sites.get(k);
    if (index === undefined) {
      sites.set(k, (index = list.length));
      list.push({ uri: site.uri, ...(site.jsonPath ? { jsonPath: site.jsonPath } : {}), detector: site.detector });
    }
    return index;
  };
  return {
    /** Adds a unit's samples, in plan order. */
    add(at: readonly number[], samples: LinkSamples): void {
      const unit: PartLinkUnit = { at: [...at], plain: [], hashed: [] };
      for (const sample of samples.plain.values()) {
        const site = indexOf(sample);
        const before = plainSoFar.get(site) ?? 0;
        if (before >= PLAIN_VALUES_PER_SITE) continue;
        plainSoFar.set(site, before + sample.values);
        unit.plain.push({ site, values: sample.values, keys: joinSealed([...sample.keys.keys()].map(key.seal)) });
      }
      for (const sample of samples.hashed.values()) {
        const site = indexOf(sample);
        const before = hashedSoFar.get(site) ?? 0;
        const keys = sample.keys.slice(0, Math.max(0, HASHED_VALUES_PER_SITE - before));
        hashedSoFar.set(site, before + keys.length);
        if (Object.keys(sample.kinds).length > 0)
          unit.hashed.push({ site, keys: joinSealed(keys.map(key.seal)), kinds: { ...sample.kinds } });
      }
      if (unit.plain.length > 0 || unit.hashed.length > 0) units.push(unit);
    },
    toRecord: (): PartLinks => ({ keyCheck: key.check, sites: list, units }),
  };
}
