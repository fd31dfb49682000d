/**
 * Aggregation of occurrences into leak sites. One finding per (service, site, detector, form):
 * occurrences are counted, the highest confidence and its evidence kept, and the first
 * `maxLocations` locations (in path, line, column order) kept as examples. Partial results (from
 * workers) merge with the same rules, so the result does not depend on scheduling.
 */
import type { Detector, Finding, FindingLocation, Occurrence, RecordOrigin, Site } from '../types.js';
import type { ResolveOwner } from '../pipeline/ownership.js';
import { toFingerprint } from './fingerprint.js';

export interface AggregateOptions {
  detectors: readonly Detector[];
  resolveOwner: ResolveOwner;
  /** Example locations kept per finding; 0 keeps all. */
  maxLocations: number;
}

function compareLocations(a: FindingLocation, b: FindingLocation): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column;
}

export interface Aggregator {
  add(origin: RecordOrigin, occurrence: Occurrence): void;
  merge(findings: readonly Finding[]): void;
  findings(): Finding[];
}

export function createAggregator(options: AggregateOptions): Aggregator {
  const byId = new Map(options.detectors.map((d) => [d.id, d]));
  const found = new Map<string, Finding>();
  const limit = options.maxLocations === 0 ? Infinity : options.maxLocations;

  function mergeOne(next: Finding): void {
    const current = found.get(next.fingerprint);
    if (current === undefined) {
      found.set(next.fingerprint, { ...next, locations: next.locations.slice(0, limit) });
      return;
    }
    current.count += next.count;
    if (next.confidence > current.confidence) {
      current.confidence = next.confidence;
      current.evidence = next.evidence;
    }
    const nextFirst = next.locations[0];
    const currentFirst = current.locations[0];
    if (nextFirst && (!currentFirst || compareLocations(nextFirst, currentFirst) < 0)) current.sample = next.sample;
    if (current.locations.length < limit || (nextFirst && compareLocations(nextFirst, current.locations[current.locations.length - 1]!) < 0)) {
      current.locations = [...current.locations, ...next.locations].sort(compareLocations).slice(0, limit);
    }
  }

  return {
    add(origin, o) {
      const detector = byId.get(o.detector)!;
      const owner = options.resolveOwner({ uri: origin.uri, defaultService: origin.defaultService, ...(o.recordService ? { recordService: o.recordService } : {}) });
      const site: Site = { kind: 'file', uri: origin.siteUri, template: o.template, ...(o.jsonPath ? { jsonPath: o.jsonPath } : {}) };
      const location: FindingLocation = { path: origin.path, line: o.line, column: o.column, ...(o.jsonPath ? { jsonPath: o.jsonPath } : {}) };
      mergeOne({
        fingerprint: toFingerprint({ service: owner.service, site, detector: o.detector, form: o.form }),
        detector: o.detector,
        category: detector.category,
        sensitivity: detector.sensitivity,
        identifier: detector.identifier,
        form: o.form,
        confidence: o.confidence,
        service: owner.service,
        serviceSource: owner.source,
        site,
        count: 1,
        locations: [location],
        sample: o.sample,
        evidence: o.evidence,
      });
    },
    merge(findings) {
      for (const f of findings) mergeOne(f);
    },
    findings: () => [...found.values()],
  };
}
