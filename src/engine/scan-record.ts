/** One record, whatever the connector: lines of a file, or a batch of a column's values. */
import type { Occurrence } from './occurrence.js';
import type { ScanRecord } from '../connectors/records.js';
import type { DetectorSet } from './detector-set.js';
import type { AnalyzeOptions } from './analyze-line.js';
import { scanChunk, scanPiece } from './scan-chunk.js';
import { scanValues } from './column/scan-values.js';

export function scanRecord(set: DetectorSet, record: ScanRecord, options: AnalyzeOptions): Occurrence[] {
  if (record.kind === 'values') return scanValues(set, record, options);
  return record.piece
    ? scanPiece(set, { ...record, piece: record.piece }, options)
    : scanChunk(set, record.data, record.firstLine, options);
}
