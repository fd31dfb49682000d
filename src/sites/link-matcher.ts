/**
 * The comparison behind linkable pseudonyms, fed plaintext sites one sample (or one unit's share of
 * one) at a time: a scan feeds its whole samples, a merge streams each part's. For each hashed site,
 * the plaintext site whose digests match most of its sampled digests wins, the earliest on a tie.
 * A single match could be a shared test value, so at least two are needed (or every digest
 * sampled, when there is one).
 */
import type { Linkable } from './finding.js';
import { toSiteKey, type LinkSite } from './link-samples.js';

/** A hashed site's sample: its digest keys in scan order (repeats count) and how they were written. */
export interface HashedSiteSample extends LinkSite {
  keys: readonly string[];
  /** How the sampled digests were written (`sha256-hex`), counted. */
  kinds: Readonly<Record<string, number>>;
}

/** A place in scan order, compared element by element (a scan's plain-sample index; a merge's plan place). */
export type LinkRank = readonly number[];

export interface LinkMatcher {
  /** Feeds keys of a plaintext site; a site fed several times counts each distinct key once. */
  add(site: LinkSite, rank: LinkRank, keys: ReadonlySet<string> | ReadonlyMap<string, unknown>): void;
  /** Hashed sites (by their site key) a join re-identifies. */
  links(): Map<string, Linkable>;
}

interface PlainState {
  label: string;
  rank: LinkRank;
  /** Hashed site key → its distinct keys this plaintext site holds. */
  matched: Map<string, Set<string>>;
}

function toLabel(site: { uri: string; jsonPath?: string }): string {
  return site.jsonPath ? `${site.uri}#${site.jsonPath}` : site.uri;
}

function isSameColumn(a: LinkSite, b: LinkSite): boolean {
  return a.uri === b.uri && a.jsonPath === b.jsonPath;
}

/** Orders ranks (and plan places, which merges sort alike) element by element. */
export function compareRanks(a: LinkRank, b: LinkRank): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** The most common way the site's digests were written (`sha256-hex`). */
function mainKind(kinds: Readonly<Record<string, number>>): string {
  return Object.entries(kinds).sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0]![0];
}

/** A matcher over the hashed sites' samples, by site key. */
export function createLinkMatcher(hashed: ReadonlyMap<string, HashedSiteSample>): LinkMatcher {
  /** Digest key → hashed site key → times it was sampled there. */
  const index = new Map<string, Map<string, number>>();
  for (const [site, sample] of hashed)
    for (const k of sample.keys) {
      let sites = index.get(k);
      if (sites === undefined) index.set(k, (sites = new Map<string, number>()));
      sites.set(site, (sites.get(site) ?? 0) + 1);
    }
  const plains = new Map<string, PlainState>();
  const match = (state: PlainState, site: LinkSite, key: string, sites: Map<string, number>) => {
    for (const hashedKey of sites.keys()) {
      if (isSameColumn(site, hashed.get(hashedKey)!)) continue;
      let keys = state.matched.get(hashedKey);
      if (keys === undefined) state.matched.set(hashedKey, (keys = new Set()));
      keys.add(key);
    }
  };
  return {
    add(site, rank, keys) {
      const siteKey = toSiteKey(site);
      let state = plains.get(siteKey);
      if (state === undefined) plains.set(siteKey, (state = { label: toLabel(site), rank, matched: new Map() }));
      else if (compareRanks(rank, state.rank) < 0) state.rank = rank;
      // Whichever side is smaller is walked, the other looked up.
      if (index.size <= keys.size) {
        for (const [k, sites] of index) if (keys.has(k)) match(state, site, k, sites);
      } else
        for (const k of keys.keys()) {
          const sites = index.get(k);
          if (sites !== undefined) match(state, site, k, sites);
        }
    },
    links() {
      const best = new Map<string, { plain: PlainState; matched: number }>();
      for (const plain of plains.values())
        for (const [hashedKey, keys] of plain.matched) {
          let matched = 0;
          for (const k of keys) matched += index.get(k)!.get(hashedKey)!;
          const current = best.get(hashedKey);
          if (
            current === undefined ||
            matched > current.matched ||
            (matched === current.matched && compareRanks(plain.rank, current.plain.rank) < 0)
          )
            best.set(hashedKey, { plain, matched });
        }
      const links = new Map<string, Linkable>();
      for (const [hashedKey, sample] of hashed) {
        const found = best.get(hashedKey);
        if (found === undefined || (found.matched < 2 && found.matched < sample.keys.length)) continue;
        links.set(hashedKey, {
          source: found.plain.label,
          digest: mainKind(sample.kinds),
          share: Math.round((found.matched / sample.keys.length) * 1000) / 1000,
          sampled: sample.keys.length,
        });
      }
      return links;
    },
  };
}
