/**
 * The last guard against a leak: every string of a report (a file or object name, a JSON path, a
 * primary key, an error message) is passed through the matcher, and any subject's identifier in
 * any form in it is replaced. Paths named for a person (`users/jane@example.com.json`) and keys
 * that are emails are thus shown without them.
 */
import type { Hit } from './matcher.js';

export const REDACTED = '[subject identifier]';

export function redactText(text: string, match: (data: Buffer) => Hit[]): string {
  const data = Buffer.from(text);
  const hits = match(data).sort((a, b) => a.start - b.start);
  if (hits.length === 0) return text;
  let out = '';
  let at = 0;
  for (const hit of hits) {
    if (hit.start < at) continue;
    out += data.toString('utf8', at, hit.start) + REDACTED;
    at = hit.end;
  }
  return out + data.toString('utf8', at);
}

/**
 * A JSON value with every string (keys too) redacted, in place: a report of many subjects is not
 * held twice. Returns the value.
 */
export function redactValue<T>(value: T, match: (data: Buffer) => Hit[]): T {
  const redact = (text: string) => redactText(text, match);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) v.forEach((x, i) => (v[i] = walk(x)));
    else if (v !== null && typeof v === 'object') {
      const record = v as Record<string, unknown>;
      for (const [k, x] of Object.entries(record)) {
        const key = redact(k);
        if (key !== k) delete record[k];
        record[key] = walk(x);
      }
    }
    return v;
  };
  return walk(value) as T;
}
