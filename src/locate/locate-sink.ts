/**
 * The sink a locate scan gives the runner for each unit: every record goes through the matcher,
 * and each hit becomes a trace of its subject (its line or row, the row's primary key, the JSON
 * path of the value), collected for the unit; extra() gives them to be merged into the run's, on
 * whichever thread the unit was read.
 */
import { emptyLinkSamples } from '../sites/link-samples.js';
import { keyOfRow, type ScanRecord } from '../connectors/records.js';
import type { ScanSink } from '../sites/record-scanner.js';
import { parseJsonLeaves } from '../connectors/json-leaves.js';
import type { Hit } from './matcher.js';
import { fromIdRef, type SubjectIndex } from './subject-index.js';
import type { Trace } from './trace.js';
import { createTraceCollector, type UnitTraces } from './collector.js';

const NEWLINE = 0x0a;

interface Line {
  /** Its number among the record's lines (from 0), and its bytes. */
  index: number;
  start: number;
  end: number;
}

/**
 * The line (or value) holding a byte, for bytes asked in increasing order: one walk over the
 * record's newlines whatever the number of hits (a table's batch may hold a hit in every row).
 */
function createLineCursor(data: Buffer): (at: number) => Line {
  const line = { index: 0, start: 0, end: data.indexOf(NEWLINE) };
  if (line.end === -1) line.end = data.length;
  return (at) => {
    while (at > line.end && line.end < data.length) {
      line.index++;
      line.start = line.end + 1;
      const next = data.indexOf(NEWLINE, line.start);
      line.end = next === -1 ? data.length : next;
    }
    return { ...line };
  };
}

/** The JSON path of the leaf holding a hit, when its line is JSON. */
function jsonPathOf(data: Buffer, line: { start: number; end: number }, hit: Hit): string | undefined {
  const first = data[line.start];
  if (first !== 0x7b && first !== 0x5b) return undefined;
  const leaves = parseJsonLeaves(data.toString('utf8', line.start, line.end));
  const column = data.toString('utf8', line.start, hit.start).length;
  return leaves?.find((f) => f.start <= column && column < f.end)?.jsonPath;
}

/** Where a hit is, in the terms of its record's origin. */
function toTrace(record: ScanRecord, hit: Hit, identifier: string, line: Line): Trace | undefined {
  const { origin } = record;
  if (record.kind === 'lines' && record.piece) {
    // Pieces of a long line overlap: a hit is its piece's only when it starts in its own part.
    if (hit.start < record.piece.before || hit.start >= record.data.length - record.piece.after) return undefined;
  }
  const jsonPath = origin.jsonPath ?? jsonPathOf(record.data, line, hit);
  const place =
    record.kind === 'lines'
      ? { line: record.firstLine + line.index }
      : origin.siteKind === 'column'
        ? { row: record.rows[line.index]! }
        : { line: record.rows[line.index]! };
  const key = record.kind === 'values' ? keyOfRow(record.keys, record.rows[line.index]!) : undefined;
  return {
    identifier,
    form: hit.form,
    kind: origin.siteKind,
    location: origin.path,
    ...place,
    ...(key ? { key } : {}),
    ...(jsonPath ? { jsonPath } : {}),
  };
}

/** A scan sink whose extra() is the unit's traces. */
export interface LocateSink extends ScanSink {
  extra(): UnitTraces;
}

export function createLocateSink(
  index: SubjectIndex,
  match: (data: Buffer) => Hit[],
  maxLocations: number,
): LocateSink {
  const collector = createTraceCollector(maxLocations);
  return {
    scan(record) {
      const hits = match(record.data).sort((a, b) => a.start - b.start);
      const lineAt = createLineCursor(record.data);
      for (const hit of hits) {
        const { subject } = fromIdRef(hit.ref);
        const kind = index.normal(hit.ref).kind;
        const trace = toTrace(record, hit, kind, lineAt(hit.start));
        if (trace) collector.add(subject, trace);
      }
      return hits.length;
    },
    wait: () => undefined,
    findings: () => [],
    links: emptyLinkSamples(),
    valueHits: {},
    extra: () => collector.entries(),
  };
}
