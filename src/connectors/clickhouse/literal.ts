/**
 * ClickHouse's text of an array, map or tuple (`['a','b']`, `{'k':'v'}`, `('x',1)`) as JSON, so
 * that the engine walks it by JSON path as it does a PostgreSQL json value: quoted strings become
 * JSON strings, tuples arrays, NULL null; numbers and brackets stay as they are.
 */

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '0': '\0', a: '\x07', v: '\v' };

/** A string with ClickHouse's backslash escapes undone (`\t`, `\n`, `\\`, `\'`, `\0`). */
export function unescapeClickhouse(text: string): string {
  return text.replace(/\\(.)/gs, (_m, c: string) => ESCAPES[c] ?? c);
}

/** The JSON of a ClickHouse composite value's text. */
export function literalToJson(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") {
      let end = i + 1;
      while (end < text.length && text[end] !== "'") end += text[end] === '\\' ? 2 : 1;
      out += JSON.stringify(unescapeClickhouse(text.slice(i + 1, end)));
      i = end;
    } else if (c === '(') out += '[';
    else if (c === ')') out += ']';
    else if (text.startsWith('NULL', i)) {
      out += 'null';
      i += 3;
    } else out += c;
  }
  return out;
}
