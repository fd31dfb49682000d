/**
 * Rows of `COPY ... TO STDOUT` in PostgreSQL's text format: one row a line, columns separated by
 * tabs, `\N` for NULL, and backslash escapes for tab, newline and backslash inside values.
 */
import { StringDecoder } from 'node:string_decoder';

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** Undoes COPY's backslash escapes (octal and hex included). */
export function unescapeCopyValue(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    if (e.startsWith('x')) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ESCAPES[e] ?? e;
  });
}

/** Splits a COPY text row into values; null for `\N`. */
export function parseCopyRow(line: string): Array<string | null> {
  return line.split('\t').map((raw) => (raw === '\\N' ? null : unescapeCopyValue(raw)));
}

/** Turns a stream of COPY output chunks into the rows of each chunk, whatever the chunk boundaries. */
export async function* toCopyRows(chunks: AsyncIterable<Buffer>): AsyncGenerator<Array<Array<string | null>>> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  for await (const chunk of chunks) {
    const text = carry + decoder.write(chunk);
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    if (lines.length > 0) yield lines.map(parseCopyRow);
  }
  carry += decoder.end();
  if (carry !== '') yield [parseCopyRow(carry)];
}
