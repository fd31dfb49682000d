/**
 * Aggregation of occurrences into leak sites. One finding per (service, site, detector, form):
 * occurrences are counted, the highest confidence and its evidence kept, and the first
 * `maxLocations` locations (in path, line, column order) kept as examples; the sample and the
 * site's template shown are the first location's (templates of one site differ at most in their
 * placeholders: fingerprint.ts). Partial results (from
 * workers) merge with the same rules, so the result does not depend on scheduling.
 */
import type { Detector } from '../engine/detector.js';
import type { Finding, FindingLocation, Site } from './finding.js';
import type { Occurrence } from '../engine/occurrence.js';
import type { RecordOrigin } from '../connectors/records.js';
import type { ResolveOwner } from './ownership.js';
import { toFingerprint, toIdentityKey } from './fingerprint.js';
import { clipTemplate } from '../engine/template.js';
import type { DatedAt } from './record-dates.js';

export interface AggregateOptions {
  detectors: readonly Detector[];
  resolveOwner: ResolveOwner;
  /** Example locations kept per finding; 0 keeps all. */
  maxLocations: number;
}

/**
 * Rows of a table read as key ranges are numbered within their range, so two ranges' rows can
 * share a line: their primary keys order them, whichever range was merged first.
 */
function compareKeys(a: FindingLocation['key'], b: FindingLocation['key']): number {
  if (a === undefined || b === undefined) return 0;
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareLocations(a: FindingLocation, b: FindingLocation): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.line - b.line || a.column - b.column || compareKeys(a.key, b.key);
}

interface LeakSite {
  owner: ReturnType<ResolveOwner>;
  site: Site;
  fingerprint: string;
}

const LEAK_SITE_CACHE_LIMIT = 4096;

/** Where a site's service comes from when no rule and no record names one. */
const DEFAULT_SOURCE = { file: 'folder', column: 'schema', object: 'prefix' } as const;

export interface Aggregator {
  /**
   * `key`: the primary key of the row the occurrence is in (database columns); `dated`: how old
   * its data is, when the scan dates occurrences (retention).
   */
  add(origin: RecordOrigin, occurrence: Occurrence, key?: Record<string, string>, dated?: DatedAt): void;
  merge(findings: readonly Finding[]): void;
  findings(): Finding[];
}

/** What an occurrence or a partial finding adds to a finding with the same fingerprint. */
type Part = Pick<Finding, 'count' | 'confidence' | 'evidence' | 'sample' | 'locations' | 'site' | 'oldest'>;

/** The older of two dates; equal ones keep the first, so the result does not depend on merge order. */
function older(a: Finding['oldest'], b: Finding['oldest']): Finding['oldest'] {
  if (a === undefined || b === undefined) return a ?? b;
  return b.at < a.at || (b.at === a.at && b.from < a.from) ? b : a;
}

export function createAggregator(options: AggregateOptions): Aggregator {
  const byId = new Map(options.detectors.map((d) => [d.id, d]));
  const found = new Map<string, Finding>();
  /** Identity key → fingerprint: one hash per leak site, not per occurrence. */
  const fingerprints = new Map<string, string>();
  const limit = options.maxLocations === 0 ? Infinity : options.maxLocations;

  /**
   * `partial`: the part is another unit's (or shard's) finding. Which of two such parts came first
   * depends on how units were spread over workers and shards, so a tie in confidence keeps the
   * evidence that sorts first instead of the one merged first.
   */
  function absorb(current: Finding, part: Part, partial = false): void {
    current.count += part.count;
    const oldest = older(current.oldest, part.oldest);
    if (oldest !== undefined) current.oldest = oldest;
    if (
      part.confidence > current.confidence ||
      (partial &&
        part.confidence === current.confidence &&
        JSON.stringify(part.evidence) < JSON.stringify(current.evidence))
    ) {
      current.confidence = part.confidence;
      current.evidence = part.evidence;
    }
    const first = part.locations[0];
    const currentFirst = current.locations[0];
    if (first && (!currentFirst || compareLocations(first, currentFirst) < 0)) {
      current.sample = part.sample;
      current.site = part.site;
    }
    if (
      current.locations.length < limit ||
      (first && compareLocations(first, current.locations[current.locations.length - 1]!) < 0)
    ) {
      current.locations = [...current.locations, ...part.locations].sort(compareLocations).slice(0, limit);
    }
  }

  function mergeOne(next: Finding): void {
    const current = found.get(next.fingerprint);
    if (current === undefined) found.set(next.fingerprint, { ...next, locations: next.locations.slice(0, limit) });
    else absorb(current, next, true);
  }

  /** An origin's occurrences repeat the same owner, site and fingerprint: each is worked out once. */
  const leakSites = new WeakMap<RecordOrigin, Map<string, LeakSite>>();

  function toLeakSite(origin: RecordOrigin, o: Occurrence): LeakSite {
    let sites = leakSites.get(origin);
    if (sites === undefined) leakSites.set(origin, (sites = new Map<string, LeakSite>()));
    const jsonPath = o.jsonPath ?? origin.jsonPath;
    const siteKey = `${o.detector}\0${o.form}\0${jsonPath ?? ''}\0${o.recordService ?? ''}\0${o.template}`;
    let leakSite = sites.get(siteKey);
    if (leakSite !== undefined) return leakSite;
    const owner = options.resolveOwner({
      uri: origin.uri,
      defaultService: origin.defaultService,
      defaultSource: DEFAULT_SOURCE[origin.siteKind],
      ...(o.recordService ? { recordService: o.recordService } : {}),
    });
    const site: Site = {
      kind: origin.siteKind,
      uri: origin.siteUri,
      template: clipTemplate(o.template),
      ...(jsonPath ? { jsonPath } : {}),
    };
    // The key comes from the whole template: labels of different lengths move where a clip falls.
    const identity = {
      service: owner.service,
      site: { ...site, template: o.template },
      detector: o.detector,
      form: o.form,
    };
    const key = toIdentityKey(identity);
    let fingerprint = fingerprints.get(key);
    if (fingerprint === undefined) fingerprints.set(key, (fingerprint = toFingerprint(identity)));
    leakSite = { owner, site, fingerprint };
    // Templates of one file can be endless; only so many are remembered per origin.
    if (sites.size < LEAK_SITE_CACHE_LIMIT) sites.set(siteKey, leakSite);
    return leakSite;
  }

  return {
    add(origin, o, key, dated) {
      const { owner, site, fingerprint } = toLeakSite(origin, o);
      const jsonPath = o.jsonPath ?? origin.jsonPath;
      const location: FindingLocation = {
        path: origin.path,
        line: o.line,
        column: o.column,
        ...(jsonPath ? { jsonPath } : {}),
        ...(key ? { key } : {}),
      };
      const part: Part = {
        count: o.count ?? 1,
        confidence: o.confidence,
        evidence: o.evidence,
        sample: o.sample,
        locations: [location],
        site,
        ...(dated ? { oldest: { at: new Date(dated.at).toISOString(), from: dated.from } } : {}),
      };
      const current = found.get(fingerprint);
      if (current !== undefined) return absorb(current, part);
      const detector = byId.get(o.detector)!;
      found.set(fingerprint, {
        fingerprint,
        detector: o.detector,
        category: detector.category,
        sensitivity: detector.sensitivity,
        identifier: detector.identifier,
        form: o.form,
        confidence: part.confidence,
        service: owner.service,
        serviceSource: owner.source,
        site,
        count: part.count,
        locations: part.locations,
        sample: part.sample,
        evidence: part.evidence,
        ...(part.oldest ? { oldest: part.oldest } : {}),
        new: true,
      });
    },
    merge(findings) {
      for (const f of findings) mergeOne(f);
    },
    findings: () => [...found.values()],
  };
}
