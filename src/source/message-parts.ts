/**
 * The constant parts of a log message as written in code: a string literal's text with its
 * interpolations (`${x}`, `{x}`, `#{x}`) and format placeholders (`{}`, `%s`, `%+v`, `{Name}`,
 * `%(name)s`) cut out, and concatenations and `.format()` calls read through.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { LanguageSpec } from './languages.js';

/** Placeholders of SLF4J, printf, Python, .NET and Go formats; `%%` is a literal percent. */
const PLACEHOLDERS =
  /\{\}|\{[A-Za-z_@$][\w.:,-]*\}|\{\d+(?:[,:][^}]*)?\}|%\([\w.]+\)[-+ #0-9.]*[a-zA-Z]|%[-+ #0]*\d*(?:\.\d+)?[sdifvqxXgeEotTrbcpwjOo]/g;
const CUT = '\0';
/** Marks a named placeholder's name among the parts (`{CustomerEmail}`, `%(email)s`): a field key. */
const NAME = '\u0001';
const NAMED = /^(?:\{[@$]?([A-Za-z_][\w.]*)[^}]*\}|%\(([\w.]+)\))/;
const QUOTES = /^[A-Za-z@$]*("""|'''|"|'|`)|("""|'''|"|'|`)$/g;

function literalText(node: Node, spec: LanguageSpec): string {
  const holes = node.children.filter((c): c is Node => c !== null && spec.interpolations.includes(c.type));
  let text = node.text;
  // Back to front, so earlier offsets stay valid.
  for (const hole of holes.reverse())
    text = text.slice(0, hole.startIndex - node.startIndex) + CUT + text.slice(hole.endIndex - node.startIndex);
  return text
    .replace(QUOTES, '')
    .replace(/\\[nrt]/g, ' ')
    .replace(/\\(.)/g, '$1')
    .replace(PLACEHOLDERS, (m) => {
      const named = NAMED.exec(m);
      const name = named?.[1] ?? named?.[2];
      return name === undefined ? CUT : `${CUT}${NAME}${name}${CUT}`;
    });
}

/** The message with every substituted value as a cut: `"order \0 created for \0"`. */
export function toMessageText(node: Node, spec: LanguageSpec): string {
  if (spec.strings.includes(node.type)) return literalText(node, spec);
  // `"a" + x`, `"a %s" % x`, `"a" "b"`: constant pieces in order, everything else a cut.
  if (/binary|concatenat/.test(node.type))
    return node.namedChildren.map((c) => (c === null ? CUT : toMessageText(c, spec))).join('');
  // `"…{}".format(x)`, `String.format("…", x)`, `fmt.Sprintf("…", x)`: the format string.
  const inner = formatStringOf(node, spec);
  return inner === undefined ? CUT : toMessageText(inner, spec);
}

/** The string a formatting call formats, when the node is one. */
export function formatStringOf(node: Node, spec: LanguageSpec): Node | undefined {
  if (!spec.calls.includes(node.type)) return undefined;
  const fn = node.childForFieldName('function') ?? node.childForFieldName('receiver');
  const receiver = fn?.childForFieldName('object') ?? fn;
  if (receiver && spec.strings.includes(receiver.type)) return receiver;
  const args = node.childForFieldName('arguments');
  const first = args?.namedChildren.find((c) => c !== null && isStringish(c, spec));
  return first ?? undefined;
}

/** Whether a node holds message text: a literal, a concatenation with one, or a formatting call. */
export function isStringish(node: Node, spec: LanguageSpec): boolean {
  const inner = node.type === 'argument' ? (node.namedChildren[0] ?? node) : node;
  if (spec.strings.includes(inner.type)) return true;
  if (/binary|concatenat/.test(inner.type)) return inner.namedChildren.some((c) => c !== null && isStringish(c, spec));
  const callee = inner.childForFieldName('function') ?? inner.childForFieldName('name');
  return /format|sprintf/i.test(callee?.text ?? '') && formatStringOf(inner, spec) !== undefined;
}

/** The constant parts of a message text, trimmed, empty ones dropped, and its placeholders' names. */
export function toParts(text: string): { parts: string[]; names: string[] } {
  const pieces = text.split(CUT);
  return {
    parts: pieces
      .filter((p) => !p.startsWith(NAME))
      .map((p) => p.replace(/\s+/g, ' ').trim())
      .filter((p) => p !== ''),
    names: pieces.filter((p) => p.startsWith(NAME)).map((p) => p.slice(1)),
  };
}
