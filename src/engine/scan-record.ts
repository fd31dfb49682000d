/**
 * One record, whatever the connector: chunks of lines go through stage one line by line; a value
 * (a database cell) is analysed when stage one flags it, or always when its column is named for a
 * PII kind, because a bare 9-digit SSN or a hash in `email_sha256` needs the column name to be seen.
 */
import type { Occurrence, ScanRecord } from '../types.js';
import type { DetectorSet } from './detector-set.js';
import type { AnalyzeOptions } from './analyze-line.js';
import { analyzeLine } from './analyze-line.js';
import { namedDetector } from './detect.js';
import { scanChunk } from './scan-chunk.js';

export function scanRecord(set: DetectorSet, record: ScanRecord, options: AnalyzeOptions): Occurrence[] {
  if (record.kind === 'lines') return scanChunk(set, record.data, record.firstLine, options);
  const named = record.hint !== undefined && namedDetector(set, record.hint) !== undefined;
  if (!named && set.scanner.next(record.data, 0) === -1) return [];
  const input = { text: record.data.toString('utf8'), line: record.firstLine, bytes: record.data, template: record.origin.siteKind === 'file', ...(record.hint ? { hint: record.hint } : {}) };
  return analyzeLine(set, input, options);
}
