/**
 * A small JSON reader that keeps positions: JSON.parse gives values but not where they are in the
 * line, and a finding needs both the JSON path and the column. Returns undefined for anything that
 * is not one complete JSON value, or that nests deeper than MAX_DEPTH (so no input can exhaust the
 * stack).
 */
/** A leaf of a JSON value, or a `key=value` field of a plain line: its key, value and span. */
export interface Field {
  /** Key of the field (last path segment for JSON). */
  key: string;
  /** JSON path (`$.user.email`, arrays as `[*]`); undefined for plain-text fields. */
  jsonPath?: string;
  /** The value, unescaped. */
  value: string;
  /** Span of the value in the line, UTF-16 offsets. */
  start: number;
  end: number;
  /** JSON type of the value, or `text` for plain-text fields. */
  type: 'string' | 'number' | 'boolean' | 'null' | 'text';
}

const MAX_DEPTH = 64;
const LITERAL = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/;

class Reader {
  pos = 0;
  readonly leaves: Field[] = [];
  constructor(readonly text: string) {}

  skipWs(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos]!)) this.pos++;
  }

  /** Reads a string at pos (which is a quote); returns its decoded value and span inside the quotes. */
  string(): { value: string; start: number; end: number } {
    const start = this.pos + 1;
    let i = start;
    let escaped = false;
    while (i < this.text.length && this.text[i] !== '"') {
      if (this.text[i] === '\\') {
        escaped = true;
        i++;
      }
      i++;
    }
    if (i >= this.text.length) throw new Error('unterminated string');
    this.pos = i + 1;
    const raw = this.text.slice(start, i);
    return { value: escaped ? (JSON.parse(`"${raw}"`) as string) : raw, start, end: i };
  }

  value(path: string, key: string, depth: number): void {
    if (depth > MAX_DEPTH) throw new Error('too deep');
    this.skipWs();
    const ch = this.text[this.pos];
    if (ch === '{') return this.object(path, depth);
    if (ch === '[') return this.array(path, depth);
    if (ch === '"') {
      const s = this.string();
      this.leaves.push({ key, jsonPath: path, value: s.value, start: s.start, end: s.end, type: 'string' });
      return;
    }
    const literal = LITERAL.exec(this.text.slice(this.pos, this.pos + 64));
    if (literal === null) throw new Error('unexpected token');
    const text = literal[0];
    const type = text === 'null' ? 'null' : text === 'true' || text === 'false' ? 'boolean' : 'number';
    this.leaves.push({ key, jsonPath: path, value: text, start: this.pos, end: this.pos + text.length, type });
    this.pos += text.length;
  }

  object(path: string, depth: number): void {
    this.pos++;
    this.skipWs();
    if (this.text[this.pos] === '}') return void this.pos++;
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] !== '"') throw new Error('expected key');
      const key = this.string().value;
      this.skipWs();
      if (this.text[this.pos++] !== ':') throw new Error('expected colon');
      this.value(`${path}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`, key, depth + 1);
      if (this.endOf('}')) return;
    }
  }

  array(path: string, depth: number): void {
    this.pos++;
    this.skipWs();
    if (this.text[this.pos] === ']') return void this.pos++;
    const key = path.slice(path.lastIndexOf('.') + 1);
    for (;;) {
      this.value(`${path}[*]`, key, depth + 1);
      if (this.endOf(']')) return;
    }
  }

  /** After a member: true at the closing bracket, false at a comma. */
  endOf(close: string): boolean {
    this.skipWs();
    const ch = this.text[this.pos++];
    if (ch === close) return true;
    if (ch !== ',') throw new Error(`expected , or ${close}`);
    return false;
  }
}

export function parseJsonLeaves(line: string): Field[] | undefined {
  const reader = new Reader(line);
  try {
    reader.value('$', '', 0);
    reader.skipWs();
    return reader.pos === line.length ? reader.leaves : undefined;
  } catch {
    return undefined;
  }
}
