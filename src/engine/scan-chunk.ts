/**
 * Stage one over a chunk of whole lines: the union scanner finds the next candidate byte, only
 * that line is decoded and analysed, and the search resumes after it. Lines without a candidate
 * are never decoded, which is what makes large logs fast.
 */
import { isAscii } from 'node:buffer';
import type { LinePiece } from '../connectors/records.js';
import type { Occurrence } from './occurrence.js';
import type { DetectorSet, LineMatch } from './detector-set.js';
import { analyzeLine, type AnalyzeOptions } from './analyze-line.js';
import { lineNumbers, utf16Length } from '../connectors/text-units.js';
import { toTextTemplate } from './template.js';
import { LONG_LINE } from './long-line.js';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** A line of a chunk that stage one flagged: its bytes (without line end) and its 0-based index. */
export interface CandidateLine {
  bytes: Buffer;
  index: number;
}

/**
 * The lines of a chunk in which any detector may match. Two passes: all of stage one, then the
 * line numbers. Interleaving stage one with stage two evicts the union's DFA from the CPU caches
 * between calls and slows stage one markedly, so callers analyse the lines after this returns.
 */
export function candidateLines(set: DetectorSet, chunk: Buffer): CandidateLine[] {
  const lineOf = lineNumbers(chunk);
  // Arrays built by push, not by map(): V8 gives map()'s result one array kind when it runs the
  // builtin and another when it inlines it in optimized code, and scanChunk, optimized for one,
  // threw its code away on meeting the other (a recompile of the whole inlined stage two).
  const lines: CandidateLine[] = [];
  for (const start of set.scanner.lineStarts(chunk)) {
    const newline = chunk.indexOf(NEWLINE, start);
    const end = newline === -1 ? chunk.length : newline;
    const bytes = chunk.subarray(start, end > start && chunk[end - 1] === CARRIAGE_RETURN ? end - 1 : end);
    lines.push({ bytes, index: lineOf(start) });
  }
  return lines;
}

/**
 * Scans a chunk whose first line has number `firstLine`. The chunk holds whole lines; the last
 * may lack its newline (end of file, or a piece of an over-long line).
 */
export function scanChunk(set: DetectorSet, chunk: Buffer, firstLine: number, options: AnalyzeOptions): Occurrence[] {
  const occurrences: Occurrence[] = [];
  const lines = candidateLines(set, chunk);
  // The line sets are asked of every candidate line in a row, before stage two's other work on
  // any of them, for the reason stage one runs first: the sets' DFA stays in the CPU caches. A
  // line over LONG_LINE bytes may be a long line, which is asked otherwise (analyzeLine).
  const matched: Array<LineMatch | undefined> = [];
  for (const { bytes } of lines) matched.push(bytes.length > LONG_LINE ? undefined : set.lineMatching(bytes));
  for (let i = 0; i < lines.length; i++) {
    const { bytes, index } = lines[i]!;
    const input = { text: bytes.toString('utf8'), line: firstLine + index, bytes };
    for (const o of analyzeLine(set, input, options, matched[i])) occurrences.push(o);
  }
  return occurrences;
}

/** A piece of a long line (file-reader.ts): its bytes, the line's number, and where it lies. */
export interface PieceRecord {
  data: Buffer;
  firstLine: number;
  piece: LinePiece;
}

/**
 * The occurrences that start in a piece's own part, located in the whole line and with the
 * line's template (every piece of a line the same one).
 */
export function scanPiece(set: DetectorSet, record: PieceRecord, options: AnalyzeOptions): Occurrence[] {
  const { data, firstLine: line, piece } = record;
  if (set.scanner.next(data, 0) === -1) return [];
  // The same string either way; latin1 copies bytes where utf8 checks each for a sequence.
  const text = isAscii(data) ? data.toString('latin1') : data.toString('utf8');
  const from = utf16Length(data.subarray(0, piece.before));
  const to = text.length - utf16Length(data.subarray(data.length - piece.after));
  const own = analyzeLine(set, { text, line, bytes: data }, options).filter((o) => o.column > from && o.column <= to);
  if (own.length === 0) return [];
  const template = headTemplate(set, piece.head, line, options);
  return own.map((o) => ({ ...o, column: o.column + piece.column, template }));
}

/** A long line's template, from its head as a line of its own; made once per line. */
const headTemplates = new WeakMap<Buffer, string>();

function headTemplate(set: DetectorSet, head: Buffer, line: number, options: AnalyzeOptions): string {
  let template = headTemplates.get(head);
  if (template === undefined) {
    const text = head.toString('utf8');
    template = analyzeLine(set, { text, line, bytes: head }, options)[0]?.template ?? toTextTemplate(text, []);
    headTemplates.set(head, template);
  }
  return template;
}
