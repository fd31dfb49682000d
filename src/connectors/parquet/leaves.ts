/**
 * The scannable values of one Parquet column's value, as hyparquet assembles it: a top-level
 * string or number is the column's own value; a struct, list or map is walked, each leaf under
 * its JSON path (`$.contact.phone`, `$.aliases[*]`). Booleans, dates, floats' kin and binary
 * values hold no PII text and are left out.
 */

/** Receives a leaf: its JSON path ('' for the column's own value), the key naming it, its text. */
export type LeafSink = (jsonPath: string, key: string, text: string) => void;

/** Deeper values are left out, so no file can exhaust the stack. */
const MAX_DEPTH = 32;
/** A key that may be a path segment; other keys (a map's keys, which may be values) become `*`. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The text of a scalar worth scanning, or undefined. */
function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : undefined;
  return undefined;
}

function walk(value: unknown, jsonPath: string, key: string, sink: LeafSink, depth: number): void {
  if (value === null || value === undefined || depth > MAX_DEPTH) return;
  const text = toText(value);
  if (text !== undefined) return sink(jsonPath, key, text);
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) walk(item, `${jsonPath}[*]`, key, sink, depth + 1);
    return;
  }
  if (typeof value !== 'object' || value instanceof Date || ArrayBuffer.isView(value)) return;
  for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
    const segment = FIELD_NAME.test(name) ? name : '*';
    walk(child, `${jsonPath}.${segment}`, segment === '*' ? key : name, sink, depth + 1);
  }
}

/** Calls `sink` for each scannable leaf of `value`, the value of column `column`; JSON paths start at the column. */
export function forEachLeaf(value: unknown, column: string, sink: LeafSink): void {
  const text = toText(value);
  if (text !== undefined) return sink('', column, text);
  walk(value, `$.${FIELD_NAME.test(column) ? column : '*'}`, column, sink, 0);
}
