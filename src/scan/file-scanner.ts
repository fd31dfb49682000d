/** Scans one file end to end: read records, find candidates, aggregate into that file's findings. */
import type { Finding, RecordOrigin, SourceError } from '../types.js';
import { readFileRecords, type ReadStats } from '../connectors/file-reader.js';
import { describeFsError } from '../connectors/fs-errors.js';
import { createRecordScanner } from './record-scanner.js';
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

export function createFileScanner(settings: ScanSettings): ScanFile {
  const newSink = createRecordScanner(settings);
  return async (origin, onRecord) => {
    const stats: ReadStats = { bytes: 0, lines: 0, longLines: 0, binary: false };
    const sink = newSink();
    try {
      for await (const record of readFileRecords(origin, stats)) onRecord?.(record.data.length, sink.scan(record));
    } catch (error) {
      return { findings: sink.findings(), stats, valueHits: sink.valueHits, error: { source: origin.path, message: describeFsError(error) } };
    }
    return { findings: sink.findings(), stats, valueHits: sink.valueHits };
  };
}
