/** Scans one file end to end: read records, find candidates, aggregate into that file's findings. */
import type { Finding, RecordOrigin, SourceError } from '../types.js';
import { detectors as allDetectors } from '../../detectors/index.js';
import { createDetectorSet } from '../engine/detector-set.js';
import { scanChunk } from '../engine/scan-chunk.js';
import { createAggregator } from '../engine/aggregate.js';
import { readFileRecords, type ReadStats } from '../connectors/file-reader.js';
import { describeFsError } from '../connectors/fs-errors.js';
import { createOwnership } from '../pipeline/ownership.js';
import type { ScanSettings } from './settings.js';

export interface FileResult {
  findings: Finding[];
  stats: ReadStats;
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
  const analyze = { showValues: settings.showValues, serviceField: settings.serviceField };
  return async (origin, onRecord) => {
    const stats: ReadStats = { bytes: 0, lines: 0, longLines: 0, binary: false };
    const aggregator = createAggregator({ detectors, resolveOwner, maxLocations: settings.maxLocations });
    try {
      for await (const record of readFileRecords(origin, stats)) {
        let matches = 0;
        for (const o of scanChunk(set, record.data, record.firstLine, analyze)) {
          if (o.confidence < settings.minConfidence) continue;
          aggregator.add(origin, o);
          matches++;
        }
        onRecord?.(record.data.length, matches);
      }
    } catch (error) {
      return { findings: aggregator.findings(), stats, error: { source: origin.path, message: describeFsError(error) } };
    }
    return { findings: aggregator.findings(), stats };
  };
}
