/**
 * Where a YAML syntax error is, as `line:column: invalid YAML: message`. The parser reports some errors where it
 * noticed them rather than where they are: an unclosed quote or bracket at the end of the file or
 * at the next key, a line indented too deep at the key above it. Those are moved to their cause.
 */
import { Parser, type LineCounter, type YAMLError } from 'yaml';

/** The offset of the last CST token of one of `types` that starts before `offset` (the unclosed opener). */
function lastOpenerBefore(text: string, types: readonly string[], offset: number): number | undefined {
  let found: number | undefined;
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const token = node as { type?: unknown; offset?: unknown };
    if (
      typeof token.type === 'string' &&
      types.includes(token.type) &&
      typeof token.offset === 'number' &&
      token.offset < offset
    ) {
      found = Math.max(found ?? -1, token.offset);
    }
    for (const value of Object.values(node)) visit(value);
  };
  for (const token of new Parser().parse(text)) visit(token);
  return found;
}

/** The first character of the line after the one `offset` is on, past its indentation. */
function nextLineContent(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  if (end === -1) return offset;
  return end + 1 + /^[ \t]*/.exec(text.slice(end + 1))![0].length;
}

function locate(text: string, errors: readonly YAMLError[]): { offset: number; message: string } {
  const first = errors[0]!;
  const message = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (first.code === 'MISSING_CHAR' && /quote/.test(message)) {
    return {
      offset: lastOpenerBefore(text, ['double-quoted-scalar', 'single-quoted-scalar'], first.pos[0]) ?? first.pos[0],
      message,
    };
  }
  if (/^Flow (?:sequence|mapping)/.test(message)) {
    return {
      offset: lastOpenerBefore(text, ['flow-collection'], first.pos[0]) ?? first.pos[0],
      message: `unclosed ${message.startsWith('Flow sequence') ? '[' : '{'}`,
    };
  }
  // A key's value followed by a line indented deeper: the parser takes both lines as one key.
  const multiline = errors.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY' && e.pos[0] === first.pos[0]);
  if (first.code === 'BLOCK_AS_IMPLICIT_KEY' && multiline) {
    return {
      offset: nextLineContent(text, first.pos[0]),
      message: 'this line is indented deeper than the line above it',
    };
  }
  return { offset: first.pos[0], message };
}

/**
 * `line:column: message` (1-based) of the first of a document's YAML errors; `lines` is the counter
 * the document was parsed with.
 */
export function describeYamlError(text: string, errors: readonly YAMLError[], lines: LineCounter): string {
  const { offset, message } = locate(text, errors);
  // An error at the very end of the file is on its last line, not on the empty one after it.
  const { line, col } = lines.linePos(Math.min(offset, Math.max(0, text.length - 1)));
  return `${line}:${col}: invalid YAML: ${message}`;
}
