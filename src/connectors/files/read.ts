/**
 * Scans one file end to end: read records, find candidates, aggregate into that file's findings.
 * Logs and other text are read as lines; CSV and TSV files (`.csv`, `.tsv`, gzipped or not)
 * column by column, as CSV objects in a bucket are.
 */
import { createReadStream } from 'node:fs';
import type { Finding, RecordOrigin, SourceError } from '../../types.js';
import { DEFAULT_LIMITS, readFileRecords, textStream, type ReadStats } from '../file-reader.js';
import { describeFsError } from '../../errors/fs-errors.js';
import { createRecordScanner, type RecordSink } from '../../sites/record-scanner.js';
import { csvDelimiter, scanCsv } from '../csv.js';
import type { ScanSettings } from '../../sites/settings.js';

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
      const delimiter = csvDelimiter(origin.source);
      if (delimiter !== undefined) await scanCsvFile(origin, delimiter, sink, stats, onRecord);
      else for await (const record of readFileRecords(origin, stats)) onRecord?.(record.data.length, sink.scan(record));
    } catch (error) {
      return { findings: sink.findings(), stats, valueHits: sink.valueHits, error: { source: origin.path, message: describeFsError(error) } };
    }
    return { findings: sink.findings(), stats, valueHits: sink.valueHits };
  };
}

/** A CSV or TSV file column by column; progress is told per piece read, with the matches kept since the last. */
async function scanCsvFile(origin: RecordOrigin, delimiter: string, sink: RecordSink, stats: ReadStats, onRecord?: OnRecord): Promise<void> {
  const stream = await textStream(createReadStream(origin.source, { highWaterMark: DEFAULT_LIMITS.chunkBytes }), stats);
  if (stream === undefined) return;
  let matches = 0;
  const counting: RecordSink = {
    ...sink,
    scan(record) {
      const kept = sink.scan(record);
      matches += kept;
      return kept;
    },
  };
  async function* told(text: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const piece of text) {
      yield piece;
      onRecord?.(piece.length, matches);
      matches = 0;
    }
  }
  await scanCsv(origin, told(stream), delimiter, counting, stats);
  onRecord?.(0, matches);
}
