/**
 * The column an SQL INSERT's value is for. A dump or a query log writes
 * `INSERT INTO t (id, bsn, notes) VALUES (1, '111222333', 'x'), (2, ...)`: the column list names
 * each value by its place in a row, far from it, where no context window reaches. A value's
 * column is given back as the key before it (`bsn='`), so every rule that reads a key reads it.
 */

/** The statement's head: its table and column list, then VALUES. */
const HEAD = /^\s*insert\s+into\s+[\w."`[\]]+\s*\(([^()]*)\)\s*values\s*/i;

/** One item of a row: where it starts and ends in the line, and the column it is for. */
interface Item {
  start: number;
  end: number;
  column: string;
}

/** The items of an INSERT line's rows, in order; undefined for any other line. */
function itemsOf(text: string): Item[] | undefined {
  const head = HEAD.exec(text);
  if (head === null) return undefined;
  const columns = head[1]!.split(',').map((c) => c.trim().replace(/^["`[]|["`\]]$/g, ''));
  const items: Item[] = [];
  let depth = 0;
  let quoted = false;
  let column = 0;
  let start = head[0].length;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      // A doubled quote is a quote inside the string; a backslash escapes one in MySQL dumps.
      if (ch === '\\') i++;
      else if (ch === "'") quoted = text[i + 1] === "'" ? (i++, true) : false;
    } else if (ch === "'") quoted = true;
    else if (ch === '(') {
      if (++depth === 1) [column, start] = [0, i + 1];
    } else if (depth === 1 && (ch === ',' || ch === ')')) {
      const name = columns[column++];
      if (name !== undefined) items.push({ start, end: i, column: name });
      start = i + 1;
      if (ch === ')') depth = 0;
    } else if (ch === ')') depth--;
  }
  return items;
}

/**
 * A line's items, parsed once: the line is asked whether it is an INSERT, then each of its
 * candidates for its key, so the last line's answer is kept.
 */
let last: { text: string; items: Item[] | undefined } = { text: '', items: undefined };

function itemsFor(text: string): Item[] | undefined {
  if (last.text !== text) last = { text, items: itemsOf(text) };
  return last.items;
}

/**
 * Whether a line is an INSERT with a column list. Its context words stand in the list, before
 * other rows' values and digits, where a line's context search (DetectorSet.lineMatching) does
 * not look past: such a line is asked of every pattern.
 */
export function isInsertWithColumns(text: string): boolean {
  return itemsFor(text) !== undefined;
}

/**
 * The key an INSERT's value starting at `index` stands under, written as a key before a value
 * (`bsn='`, `id=`), or undefined when the text is no INSERT or the match is not an item's whole
 * value: inside a row's free text, the words around a match are its context, as on any line.
 */
export function insertKeyBefore(text: string, index: number): string | undefined {
  const item = itemsFor(text)?.find((it) => index >= it.start && index < it.end);
  const lead = item === undefined ? undefined : /^\s*('?)$/.exec(text.slice(item.start, index));
  return lead ? `${item!.column}=${lead[1]}` : undefined;
}
