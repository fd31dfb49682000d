/**
 * Fields of a line too long to read all its `key=value` pairs: each pair costs a callback and an
 * object, which on a line of megabytes outweighs the rest of stage two. A plain long line's pairs
 * are read one window at a time, only where a match or a PII-named key asks for them, so the cost
 * follows the matches rather than the line. A window starts at a token boundary a key's length
 * before its part of the line and ends where the value running past its end ends, so a pair near
 * a match is the one the whole line gives (fields.ts's pattern resynchronises at the first pair
 * in the window). Lines up to LONG_LINE keep the plain path; test/long-lines.test.ts holds the two
 * equal.
 */
import type { DetectorSet } from './detector-set.js';
import { extractFields, jsonFields, type Field, type LineFields } from './fields.js';

/** Lines longer than this (UTF-16 units) read their plain fields window by window. */
export const LONG_LINE = 16_384;
/** Each window's own part of the line. */
const WINDOW = 512;
/** How far before its own part a window reads: longer than a kept key with its quotes and separators. */
const REACH_BACK = 128;
const WHITESPACE = /\s/g;
/** What ends a plain field's value (fields.ts's pattern). */
const VALUE_END = /[\s"',;&]/g;

/** The number of leading items that `before` holds for (it holds for a prefix of them). */
export function countLeading<T>(items: readonly T[], before: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (before(items[mid]!)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The last of fields sorted by start (not overlapping) that starts at or before `index`. */
function lastStartingBy(fields: readonly Field[], index: number): Field | undefined {
  return fields[countLeading(fields, (f) => f.start <= index) - 1];
}

/** The field whose value holds `index`, of fields sorted by start that do not overlap. */
export function fieldHolding(fields: readonly Field[], index: number): Field | undefined {
  const field = lastStartingBy(fields, index);
  return field !== undefined && index < field.end ? field : undefined;
}

/** The pairs whose value starts in window k's own part, with offsets in the whole line. */
function windowFields(text: string, k: number): Field[] {
  const own = k * WINDOW;
  let start = Math.max(0, own - REACH_BACK);
  if (start > 0) {
    WHITESPACE.lastIndex = start;
    const space = WHITESPACE.exec(text);
    if (space !== null && space.index < own) start = space.index + 1;
  }
  // A value that starts in the own part ends at the first value end past it, or before.
  VALUE_END.lastIndex = Math.min(text.length, own + WINDOW);
  const end = VALUE_END.exec(text)?.index ?? text.length;
  return extractFields(text.slice(start, end))
    .fields.map((f) => ({ ...f, start: f.start + start, end: f.end + start }))
    .filter((f) => f.start >= own && f.start < own + WINDOW);
}

/** The field holding an index of a plain line, each window read once. */
function createFieldGrid(text: string): (index: number) => Field | undefined {
  const windows = new Map<number, Field[]>();
  const read = (k: number) => {
    let fields = windows.get(k);
    if (fields === undefined) windows.set(k, (fields = windowFields(text, k)));
    return fields;
  };
  // The holding field is the last one starting at or before the index, in its window or, for a
  // long value, an earlier one.
  return (index) => {
    for (let k = Math.floor(index / WINDOW); k >= 0; k--) {
      const field = lastStartingBy(read(k), index);
      if (field !== undefined) return index < field.end ? field : undefined;
    }
    return undefined;
  };
}

/** A long line's fields: `fields` as analyze-line.ts uses them, and the field holding an index. */
export interface LongLineFields {
  /** JSON leaves (all of them), or a plain line's fields whose key names a PII kind. */
  fields: () => LineFields;
  fieldAt: (index: number) => Field | undefined;
}

export function longLineFieldsOf(set: DetectorSet, text: string, bytes?: Buffer): LongLineFields {
  let json: Field[] | undefined | null = null;
  const jsonLeaves = () => (json === null ? (json = jsonFields(text)) : json);
  const grid = createFieldGrid(text);
  let fields: LineFields | undefined;
  return {
    fields: () => {
      if (fields !== undefined) return fields;
      const leaves = jsonLeaves();
      if (leaves !== undefined) return (fields = { json: true, fields: leaves });
      // Each key match ends inside its value, so the field holding its last character is the named field.
      const named = new Set<Field>();
      for (const m of set.fieldKeyPattern.matchAll(text, bytes)) {
        const field = grid(m.index + m.text.length - 1);
        if (field !== undefined) named.add(field);
      }
      return (fields = { json: false, fields: [...named] });
    },
    fieldAt: (index) => {
      const leaves = jsonLeaves();
      return leaves !== undefined ? fieldHolding(leaves, index) : grid(index);
    },
  };
}
