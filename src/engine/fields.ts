/**
 * Fields of a line: the leaves of a JSON line (with their JSON path), or the `key=value` and
 * `key: value` pairs of a plain line. A field's key is context for matches inside its value, and
 * a field named for a PII kind is where hashed, encrypted or tokenized values are recognised.
 */
import { compileTextPattern } from './regex.js';
import { parseJsonLeaves, type Field } from '../connectors/json-leaves.js';

export type { Field };

export interface LineFields {
  /** True when the line parsed as a JSON object or array. */
  json: boolean;
  fields: Field[];
}

// Unbounded key repetition on purpose (a counted `{0,63}` makes RE2 fall back to its slow NFA on
// long words such as hex digests); keys longer than MAX_KEY are dropped after matching.
const PAIR = compileTextPattern(String.raw`[A-Za-z_][\w.-]*["']?\s*[=:]\s*["']?[^\s"',;&]+`);
const MAX_KEY = 64;

function plainFields(line: string): Field[] {
  return PAIR.matchAll(line).flatMap((m) => {
    const sep = m.text.search(/["']?\s*[=:]/);
    if (sep > MAX_KEY) return [];
    const valueOffset = m.text.length - m.text.slice(sep).replace(/^["']?\s*[=:]\s*["']?/, '').length;
    return [
      {
        key: m.text.slice(0, sep),
        value: m.text.slice(valueOffset),
        start: m.index + valueOffset,
        end: m.index + m.text.length,
        type: 'text' as const,
      },
    ];
  });
}

/** The leaves of a JSON object or array; undefined for any other text. */
export function jsonFields(text: string): Field[] | undefined {
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? parseJsonLeaves(text) : undefined;
}

export function extractFields(line: string): LineFields {
  const leaves = jsonFields(line);
  return leaves !== undefined ? { json: true, fields: leaves } : { json: false, fields: plainFields(line) };
}

/** Splits a key into lowercase word tokens: `user_emailSha256` → user, email, sha256. */
export function toKeyTokens(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}
