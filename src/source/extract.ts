/**
 * Finds the log statements in one parsed file: calls of a logging method (`info`, `Infof`,
 * `LogWarning`, `console.log`…) with a message argument, their constant message parts and the
 * names of the structured fields they attach.
 */
import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import type { LanguageSpec } from './languages.js';
import type { LogStatement } from './statement.js';
import { isStringish, toMessageText, toParts } from './message-parts.js';

/** Methods that log whatever their receiver: the level names of the common loggers. */
const LEVEL_METHODS =
  /^(?:log)?(?:trace|debug|info|information|notice|warn|warning|error|err|critical|fatal|exception|verbose|panic|dpanic)(?:f|w|ln|context)?$/i;
/** Methods that log only on a logger-like receiver (`console.log`, `log.Printf`, `fmt.Println`). */
const GENERIC_METHODS = /^(?:log|print|printf|println|write|logf|add)$/i;
const LOGGER_RECEIVER = /log|console|slog|zap|sugar|audit|fmt|^l$/i;
const KEY_LIKE = /^[A-Za-z_][\w.-]{0,40}$/;
/** Keyword arguments of the logging call itself, not fields (Python's `extra=`, `exc_info=`). */
const CALL_OPTIONS = new Set(['extra', 'exc_info', 'stack_info', 'stacklevel']);
const MAX_CALL = 160;
/** A level given as a value (`logger.log('info', …)`), not a message. */
const LEVEL_VALUE = /^["'`]?(?:trace|debug|info|warn|warning|error|fatal|verbose|silly|http)["'`]?$/i;

function unwrap(node: Node): Node {
  return node.type === 'argument' ? (node.namedChildren[0] ?? node) : node;
}

function calleeOf(call: Node): { receiver: string; method: string } | undefined {
  const fn = call.childForFieldName('function');
  const methodNode =
    call.childForFieldName('method') ??
    call.childForFieldName('name') ??
    fn?.childForFieldName('attribute') ??
    fn?.childForFieldName('property') ??
    fn?.childForFieldName('field') ??
    fn?.childForFieldName('name') ??
    (fn?.type === 'identifier' ? fn : null);
  if (!methodNode) return undefined;
  const receiverNode =
    call.childForFieldName('receiver') ??
    call.childForFieldName('object') ??
    fn?.childForFieldName('object') ??
    fn?.childForFieldName('operand') ??
    fn?.childForFieldName('expression');
  return { receiver: receiverNode?.text ?? '', method: methodNode.text };
}

function isLogCall(receiver: string, method: string): boolean {
  // A bare `trace(…)` opens a tracing span; a logger's trace level has a receiver.
  if (receiver === '' && /^trace$/i.test(method)) return false;
  if (LEVEL_METHODS.test(method)) return true;
  return GENERIC_METHODS.test(method) && LOGGER_RECEIVER.test(receiver);
}

/** Field names: keyword arguments, object keys, and key-like strings among the other arguments. */
function collectKeys(node: Node, spec: LanguageSpec, into: Set<string>): void {
  const name = node.childForFieldName('name') ?? node.childForFieldName('key');
  const key = name?.text.replace(/^["':]+|["':]+$/g, '');
  if (/keyword_argument|^pair$/.test(node.type) && key !== undefined && !CALL_OPTIONS.has(key)) into.add(key);
  else if (node.type === 'shorthand_property_identifier') into.add(node.text);
  else if (spec.strings.includes(node.type)) {
    const text = node.text.replace(/^["'`]|["'`]$/g, '');
    if (KEY_LIKE.test(text) && !LEVEL_VALUE.test(text)) into.add(text);
    return;
  }
  for (const child of node.namedChildren) if (child) collectKeys(child, spec, into);
}

/**
 * The message argument: the first string-like one, past a level given as a value; in Ruby, the
 * string a block returns (`logger.debug { "…" }`).
 */
function messageOf(args: readonly Node[], call: Node, spec: LanguageSpec): Node | undefined {
  const strings = args.filter((a) => isStringish(a, spec));
  const first = strings[0];
  if (first && LEVEL_VALUE.test(unwrap(first).text) && strings[1]) return strings[1];
  if (first) return first;
  const block = call.childForFieldName('block');
  return block ? block.descendantsOfType([...spec.strings]).find((n): n is Node => n !== null) : undefined;
}

function toStatement(call: Node, spec: LanguageSpec): LogStatement | undefined {
  const callee = calleeOf(call);
  if (!callee || !isLogCall(callee.receiver, callee.method)) return undefined;
  const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is Node => c !== null);
  const message = messageOf(args, call, spec);
  if (!message) return undefined;
  const keys = new Set<string>();
  for (const arg of args) if (arg !== message) collectKeys(arg, spec, keys);
  // logrus and zap chains: `log.WithFields(log.Fields{"email": e}).Info(…)`, `.With("k", v)`.
  const fn = call.childForFieldName('function') ?? call.childForFieldName('receiver');
  if (fn)
    for (const part of fn.namedChildren) if (part && spec.calls.includes(part.type)) collectKeys(part, spec, keys);
  const { parts, names } = toParts(toMessageText(unwrap(message), spec));
  for (const name of names) keys.add(name);
  return {
    line: call.startPosition.row + 1,
    column: call.startPosition.column + 1,
    call: call.text.replace(/\s+/g, ' ').slice(0, MAX_CALL),
    method: callee.method,
    parts,
    keys: [...keys].sort(),
  };
}

/** The log statements of a parsed file, in source order. */
export function extractStatements(tree: Tree, spec: LanguageSpec): LogStatement[] {
  const found: LogStatement[] = [];
  const cursor = tree.walk();
  // An explicit walk, not recursion: generated files nest deeper than the stack allows.
  let done = false;
  while (!done) {
    const node = cursor.currentNode;
    if (spec.calls.includes(node.type)) {
      const statement = toStatement(node, spec);
      if (statement) found.push(statement);
    }
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        done = true;
        break;
      }
    }
  }
  return found;
}
