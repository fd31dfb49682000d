/**
 * Linkable pseudonyms: a hashed column whose values are unsalted digests of plaintext values the
 * same scan found in another column is re-identified by a join. Each unit of work samples the
 * digests of its hashed columns and hashes the values of its plaintext ones (both bounded per
 * site); the runner merges the samples, and findLinks() compares them once every unit is read.
 * Samples hold digest prefixes only, never a value, and never leave the scan's process.
 */
import { parseDigest, toDigestKeys, type DigestAlgorithm } from '../engine/digests.js';
import { valuesOf, type ValuesRecord } from '../connectors/values-record.js';

/** Distinct plaintext values hashed per site, and digests sampled per hashed site. */
export const PLAIN_VALUES_PER_SITE = 10_000;
export const HASHED_VALUES_PER_SITE = 1_000;

/** A site as links name it: its URI, and its JSON path after `#`. */
export interface LinkSite {
  uri: string;
  jsonPath?: string;
  detector: string;
}

interface PlainSample extends LinkSite {
  values: number;
  keys: Map<string, DigestAlgorithm>;
}

interface HashedSample extends LinkSite {
  keys: string[];
  /** How the sampled digests were written (`sha256-hex`), counted. */
  kinds: Record<string, number>;
}

/** What a unit's columns leave for the comparison; plain data, so worker threads can send it. */
export interface LinkSamples {
  plain: Map<string, PlainSample>;
  hashed: Map<string, HashedSample>;
}

export function emptyLinkSamples(): LinkSamples {
  return { plain: new Map(), hashed: new Map() };
}

export function toSiteKey(site: LinkSite): string {
  return `${site.uri}\0${site.jsonPath ?? ''}\0${site.detector}`;
}

function siteOf(record: ValuesRecord, detector: string): LinkSite {
  const { siteUri, jsonPath } = record.origin;
  return { uri: siteUri, ...(jsonPath ? { jsonPath } : {}), detector };
}

function addPlain(samples: LinkSamples, site: LinkSite, values: readonly string[]): void {
  const key = toSiteKey(site);
  let sample = samples.plain.get(key);
  if (sample === undefined) samples.plain.set(key, (sample = { ...site, values: 0, keys: new Map() }));
  for (const value of values) {
    if (sample.values >= PLAIN_VALUES_PER_SITE) return;
    const keys = toDigestKeys(value, site.detector);
    if (keys.length === 0 || sample.keys.has(keys[0]![0])) continue; // empty, or a value already hashed
    sample.values++;
    for (const [k, algorithm] of keys) sample.keys.set(k, algorithm);
  }
}

function addHashed(samples: LinkSamples, site: LinkSite, values: readonly string[]): void {
  const key = toSiteKey(site);
  let sample = samples.hashed.get(key);
  if (sample === undefined) samples.hashed.set(key, (sample = { ...site, keys: [], kinds: {} }));
  for (const value of values) {
    if (sample.keys.length >= HASHED_VALUES_PER_SITE) return;
    const digest = parseDigest(value);
    if (digest === undefined) continue;
    sample.keys.push(digest.key);
    const kind = `${digest.algorithm}-${digest.encoding}`;
    sample.kinds[kind] = (sample.kinds[kind] ?? 0) + 1;
  }
}

/** Samples a column's batch: its values hashed when it holds plaintext, its digests when it holds hashes. */
export function sampleLinks(
  samples: LinkSamples,
  record: ValuesRecord,
  found: { plaintext: ReadonlySet<string>; hashed: ReadonlySet<string> },
): void {
  // A site's sample, once full, costs its later batches nothing: their values are not even split.
  const plain = [...found.plaintext].filter(
    (d) => (samples.plain.get(toSiteKey(siteOf(record, d)))?.values ?? 0) < PLAIN_VALUES_PER_SITE,
  );
  const hashed = [...found.hashed].filter(
    (d) => (samples.hashed.get(toSiteKey(siteOf(record, d)))?.keys.length ?? 0) < HASHED_VALUES_PER_SITE,
  );
  if (plain.length === 0 && hashed.length === 0) return;
  const values = valuesOf(record);
  for (const detector of plain) addPlain(samples, siteOf(record, detector), values);
  for (const detector of hashed) addHashed(samples, siteOf(record, detector), values);
}

/** Adds one unit's samples into the scan's, within the same bounds. */
export function mergeLinkSamples(into: LinkSamples, from: LinkSamples): void {
  for (const sample of from.plain.values()) {
    const key = toSiteKey(sample);
    const current = into.plain.get(key);
    if (current === undefined) into.plain.set(key, sample);
    else if (current.values < PLAIN_VALUES_PER_SITE) {
      current.values += sample.values;
      for (const [k, algorithm] of sample.keys) current.keys.set(k, algorithm);
    }
  }
  for (const sample of from.hashed.values()) {
    const key = toSiteKey(sample);
    const current = into.hashed.get(key);
    if (current === undefined) into.hashed.set(key, sample);
    else {
      current.keys.push(...sample.keys.slice(0, HASHED_VALUES_PER_SITE - current.keys.length));
      for (const [kind, n] of Object.entries(sample.kinds)) current.kinds[kind] = (current.kinds[kind] ?? 0) + n;
    }
  }
}
