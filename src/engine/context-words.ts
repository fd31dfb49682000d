/**
 * Context words before a match, as whole tokens. The text before a match is cut into chunks
 * (runs between spaces, quotes, brackets, `=`, `:` and list punctuation). A chunk that is a key
 * (`customerPhone=`, `"msisdn":`, `tel:`) is split into its words on camelCase, snake_case and
 * punctuation boundaries; a plain word (`SMS`, `mobile`) is itself a word; any other chunk (a
 * logger, host, class or file name such as `com.acme.sms.SmsGateway` or `card-svc-01`) gives no
 * context unless it spells a context word whole (`e-mail`, `X-Forwarded-For`). Only the last few
 * chunks count, and a label or a machine key that names the value as something else
 * (`order 1234567890`, `order_id=`, `retries=`) ends the search: the nearest label says what a
 * value is. Likewise a unit after a number (`2025550143 rows`) makes it a quantity.
 */
import { toKeyTokens } from './fields.js';

/** Chunks before a match that may hold its context word. */
const MAX_CHUNKS = 5;

/**
 * Words that label a value as an identifier or a quantity of something else. A key counts as a
 * label when its last word is one (`order_id`, `sms_ref`), since a key's last word says what it holds.
 */
const LABELS = new Set([
  'id',
  'ids',
  'uid',
  'uuid',
  'guid',
  'ref',
  'reference',
  'order',
  'orders',
  'invoice',
  'txn',
  'transaction',
  'ticket',
  'job',
  'batch',
  'request',
  'req',
  'trace',
  'span',
  'session',
  'booking',
  'shipment',
  'tracking',
  'sku',
  'item',
  'product',
  'version',
  'build',
  'pid',
  'port',
  'user',
  'customer',
  'member',
  'count',
  'size',
  'offset',
  'seq',
  'key',
]);

/** A context word as tokens; `keyOnly` words (written `to=`) count only as a key. */
interface ContextWord {
  word: string;
  tokens: string[];
  keyOnly: boolean;
}

/** A chunk before the match: its words (empty for an identifier that is no context). */
interface Chunk {
  tokens: string[];
  key: boolean;
  /**
   * A machine key (`retries=`, `"count":`) rather than a prose label (`Phone number:`): its value
   * is its own. Not the first key of a nested object (`"card":{"number":`), which its parent names.
   */
  machineKey: boolean;
}

const compiled = new WeakMap<readonly string[], ContextWord[]>();

function compile(words: readonly string[]): ContextWord[] {
  let out = compiled.get(words);
  if (out === undefined) {
    out = words.map((word) => ({ word, tokens: toKeyTokens(word), keyOnly: word.endsWith('=') }));
    compiled.set(words, out);
  }
  return out;
}

/** What separates chunks: space, quotes, brackets, `=`, `:` and list punctuation. */
const SEPARATORS = String.raw`\s"'\`{}[\]()<>,;=|:`;
const CHUNK = new RegExp(`[^${SEPARATORS}]+`, 'g');
const SEPARATOR = new RegExp(`[${SEPARATORS}]`);
const PLAIN_WORD = /^(?:[A-Za-z][a-z]*|[A-Z]+)$/;

/**
 * What the chunk ending at `end` is as a key: `machine` with `=` or a quoted `:` after it
 * (`retries=`, `"phone":`), `prose` with a `:` right after it (`tel:`, `Phone number:`), or none:
 * ` : ` follows a logback logger, and a dotted name before `:` is a Python logger.
 */
function keyKindAt(text: string, end: number, chunk: string): 'machine' | 'prose' | undefined {
  let i = end;
  const quoted = text[i] === '"' || text[i] === "'";
  if (quoted) i++;
  if (text[i] === ':') return quoted ? 'machine' : chunk.includes('.') ? undefined : 'prose';
  while (text[i] === ' ') i++;
  return text[i] === '=' || (quoted && text[i] === ':') ? 'machine' : undefined;
}

/** Keys whose value names the next `value` key: `name="dob" value="`, `{"key":"bsn","value":`. */
const NAMING_KEYS = new Set(['name', 'key', 'field']);

/** Other attributes that may stand between an input's name and its value (`id="dob"`, `class="…"`). */
const MAX_ATTRIBUTES_BETWEEN = 3;

/**
 * A generic `value` key after a naming key (an HTML input, a name/value pair) is named by the
 * naming key's value: the two become one key chunk of that name's words. Other attributes, each a
 * key and its value, may stand between (`name="dob" id="dob" value="`).
 */
function namedValue(chunks: Chunk[], raws: string[]): Chunk[] {
  const n = chunks.length;
  if (n < 3 || !chunks[n - 1]!.machineKey || raws[n - 1]!.toLowerCase() !== 'value') return chunks;
  for (let k = n - 3; k >= Math.max(0, n - 3 - 2 * MAX_ATTRIBUTES_BETWEEN); k -= 2) {
    if (!chunks[k]!.key || chunks[k + 1]!.key) return chunks;
    if (NAMING_KEYS.has(raws[k]!.toLowerCase()))
      return [...chunks.slice(0, k + 1), { tokens: toKeyTokens(raws[k + 1]!), key: true, machineKey: true }];
  }
  return chunks;
}

function toChunks(text: string, words: ContextWord[]): Chunk[] {
  const chunks: Chunk[] = [];
  const raws: string[] = [];
  for (const m of text.matchAll(CHUNK)) {
    const raw = m[0].replace(/^#+|[.#]+$/g, '');
    raws.push(raw);
    const kind = keyKindAt(text, m.index + m[0].length, raw);
    const tokens = toKeyTokens(raw);
    const opensObject = /\{["']?$/.test(text.slice(Math.max(0, m.index - 2), m.index));
    if (kind !== undefined || PLAIN_WORD.test(raw))
      chunks.push({ tokens, key: kind !== undefined, machineKey: kind === 'machine' && !opensObject });
    else {
      const whole = words.some((w) => w.tokens.length > 1 && w.tokens.join(' ') === tokens.join(' '));
      chunks.push({ tokens: whole ? tokens : [], key: false, machineKey: false });
    }
  }
  return namedValue(chunks, raws).slice(-MAX_CHUNKS);
}

/** Whether a token is `word`, or in prose its plural (`phones`; not in a key: `calls=` counts calls). */
function isToken(token: string | undefined, key: boolean | undefined, word: string): boolean {
  return (
    token !== undefined &&
    (token === word || (!key && token.length === word.length + 1 && token.endsWith('s') && token.startsWith(word)))
  );
}

/**
 * The context words in one run of chunks' tokens (a multi-word one may span chunks). Called for
 * every candidate whose window holds a word's letters, with hundreds of words: a word whose first
 * token is not among the run's (or their singulars) is passed over without a scan, and nothing is
 * allocated per word or token pair.
 */
function wordsIn(run: Chunk[], words: ContextWord[]): string[] {
  const tokens: string[] = [];
  const keys: boolean[] = [];
  const heads = new Set<string>();
  for (const c of run)
    for (const t of c.tokens) {
      tokens.push(t);
      keys.push(c.key);
      heads.add(t);
      if (!c.key && t.endsWith('s')) heads.add(t.slice(0, -1));
    }
  const found: string[] = [];
  for (const w of words) {
    const first = w.tokens[0];
    if (first !== undefined && !heads.has(first)) continue;
    for (let i = 0; i < tokens.length; i++) {
      if (w.keyOnly && !keys[i]) continue;
      let j = 0;
      while (j < w.tokens.length && isToken(tokens[i + j], keys[i + j], w.tokens[j]!)) j++;
      if (j === w.tokens.length) {
        found.push(w.word);
        break;
      }
    }
  }
  return found;
}

/** Words after a number that make it a count or a measure (`removed 2025550143 rows`). */
const UNITS = new Set([
  'rows',
  'records',
  'entries',
  'items',
  'bytes',
  'b',
  'kb',
  'mb',
  'gb',
  'kib',
  'mib',
  'gib',
  'ms',
  's',
  'sec',
  'secs',
  'seconds',
  'us',
  'ns',
  'min',
  'mins',
  'minutes',
  'hours',
  'days',
  'times',
  'users',
  'messages',
  'msgs',
  'requests',
  'reqs',
  'events',
  'tokens',
  'retries',
  'attempts',
  'files',
  'lines',
  'objects',
  'keys',
  'points',
  'credits',
  'units',
  'pages',
  'chars',
  'tasks',
  'jobs',
  'orders',
  'rps',
  'ops',
  'hits',
  'misses',
  'errors',
  'percent',
  '%',
]);

/** Whether the text after a number (`after`) starts with a unit it counts or measures. */
export function isQuantity(after: string): boolean {
  const word = /^\s?([a-z]+\b|%)/i.exec(after)?.[1];
  return word !== undefined && UNITS.has(word.toLowerCase());
}

/** How far before a match (in UTF-16 code units) context is looked for. */
const CONTEXT_WINDOW = 48;

/** The context window before `start`, less a chunk its start cuts (`…ardPhone ` would read as `phone`). */
export function windowBefore(text: string, start: number): string {
  const from = Math.max(0, start - CONTEXT_WINDOW);
  const window = text.slice(from, start);
  if (from === 0 || SEPARATOR.test(text[from - 1]!) || SEPARATOR.test(window[0] ?? ' ')) return window;
  const skip = window.search(SEPARATOR);
  return skip === -1 ? '' : window.slice(skip);
}

/** Per word list: a test for any of its words' tokens in a row, in any case. */
const wordTests = new WeakMap<readonly string[], RegExp>();

/**
 * Whether `text` may hold one of `words`: its tokens in a row, each perhaps with a plural `s`,
 * apart by anything but letters and digits (`date of birth`, `dateOfBirth`, `D.O.B.`). Without
 * one, findContextWords finds nothing in the text or any part of it, so callers can skip a whole
 * line. One case-insensitive alternation, rather than lowercasing the text and looking for each
 * word in turn: the `u` flag folds case as toLowerCase does for every letter a token can hold
 * (KELVIN SIGN included). Literals and negated classes only, so the JS engine stays linear here.
 */
export function mayHoldContextWords(words: readonly string[], text: string): boolean {
  let test = wordTests.get(words);
  if (test === undefined) {
    const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const sources = compile(words).map((w) =>
      w.tokens.length === 0 ? escape(w.word) : w.tokens.map((t) => `${escape(t)}s?`).join('[^a-z0-9]*'),
    );
    test = new RegExp([...new Set(sources)].join('|') || '(?!)', 'iu');
    wordTests.set(words, test);
  }
  return test.test(text);
}

/**
 * The context words (of `words`, lowercase) among the last chunks of `before` (the text right
 * before a match, in its original case): see the module comment.
 */
export function findContextWords(words: readonly string[], before: string): string[] {
  if (before === '') return [];
  // Most candidates have no context word anywhere near: that is settled without chunking.
  if (!mayHoldContextWords(words, before)) return [];
  // A match is often asked twice in a row (whether its key names another thing, then its context).
  if (words === last.words && before === last.before) return last.found;
  const found = contextWordsIn(words, before);
  last = { words, before, found };
  return found;
}

/** The last answer of findContextWords (its callers only read the list). */
let last: { words: readonly string[]; before: string; found: string[] } = { words: [], before: '', found: [] };

function contextWordsIn(words: readonly string[], before: string): string[] {
  const compiledWords = compile(words);
  const chunks = toChunks(before, compiledWords);
  let from = chunks.length;
  while (from > 0) {
    const chunk = chunks[from - 1]!;
    const last = chunk.tokens[chunk.tokens.length - 1];
    const named =
      (chunk.machineKey || (last !== undefined && LABELS.has(last))) && wordsIn([chunk], compiledWords).length === 0;
    if (named) break;
    from--;
  }
  return from === chunks.length ? [] : wordsIn(chunks.slice(from), compiledWords);
}

/** Labels of records and artefacts, not of people: `batch 1234 5678 9012` is the batch's number. */
const OTHER_THINGS = new Set(
  [...LABELS].filter((w) => !['id', 'ids', 'uid', 'user', 'customer', 'member', 'key'].includes(w)),
);

/**
 * Whether the word right before a match labels it as another thing's number or code (`order`,
 * `batch`, `tracking`, `version`), for patterns reported without a context word.
 */
export function isLabelledAsOther(before: string): boolean {
  const chunks = toChunks(before, []);
  const last = chunks[chunks.length - 1]?.tokens;
  return last !== undefined && last.length > 0 && OTHER_THINGS.has(last[last.length - 1]!);
}
