/** Scans one file end to end: read records, find candidates, aggregate into that file's findings. */
import type { Finding, RecordOrigin, SourceError } from '../types.js';
import { detectors as allDetectors } from '../../detectors/index.js';
import { createDetectorSet } from '../engine/detector-set.js';
import { compilePatternTest } from '../engine/regex.js';
import { scanChunk } from '../engine/scan-chunk.js';
import { createAggregator } from '../engine/aggregate.js';
import { readFileRecords, type ReadStats } from '../connectors/file-reader.js';
import { describeFsError } from '../connectors/fs-errors.js';
import { createOwnership } from '../pipeline/ownership.js';
import type { ScanSettings } from './settings.js';

export interface FileResult {
  findings: Finding[];
  stats: ReadStats;
  /** Occurrences each value allow rule accepted, by rule index. */
  valueHits: Record<number, number>;
  error?: SourceError;
}

/** Called after each record with the bytes it held and the matches kept from it. */
export type OnRecord = (bytes: number, matches: number) => void;

export type ScanFile = (origin: RecordOrigin, onRecord?: OnRecord) => Promise<FileResult>;

export function selectDetectors(ids: readonly string[]) {
  return ids.length === 0 ? allDetectors : allDetectors.filter((d) => ids.includes(d.id));
}

export function createFileScanner(settings: ScanSettings): ScanFile {
  const detectors = selectDetectors(settings.detectorIds);
  const set = createDetectorSet(detectors);
  const resolveOwner = createOwnership(settings.services, settings.serviceField);
  const allowPatterns = settings.allowValues.map((r) => ({ rule: r.rule, pattern: compilePatternTest(`^(?:${r.pattern})$`) }));
  const analyze = {
    showValues: settings.showValues,
    serviceField: settings.serviceField,
    ...(allowPatterns.length > 0 ? { allowValue: (value: string) => allowPatterns.find((p) => p.pattern.test(value))?.rule } : {}),
  };
  return async (origin, onRecord) => {
    const stats: ReadStats = { bytes: 0, lines: 0, longLines: 0, binary: false };
    const aggregator = createAggregator({ detectors, resolveOwner, maxLocations: settings.maxLocations });
    const valueHits: Record<number, number> = {};
    try {
      for await (const record of readFileRecords(origin, stats)) {
        let matches = 0;
        for (const o of scanChunk(set, record.data, record.firstLine, analyze)) {
          if (o.confidence < settings.minConfidence) continue;
          if (o.allowedBy !== undefined) {
            valueHits[o.allowedBy] = (valueHits[o.allowedBy] ?? 0) + 1;
            continue;
          }
          aggregator.add(origin, o);
          matches++;
        }
        onRecord?.(record.data.length, matches);
      }
    } catch (error) {
      return { findings: aggregator.findings(), stats, valueHits, error: { source: origin.path, message: describeFsError(error) } };
    }
    return { findings: aggregator.findings(), stats, valueHits };
  };
}
