/** Counting in text bytes: lines, and the UTF-16 units columns are reported in. */
import { isAscii } from 'node:buffer';

const NEWLINE = 0x0a;

/** Number of newlines in buffer[from, to). */
export function countLines(buffer: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buffer.indexOf(NEWLINE, from); i !== -1 && i < to; i = buffer.indexOf(NEWLINE, i + 1)) n++;
  return n;
}

/** Where the newlines of a buffer counted whole by countAllLines lie, ascending. */
const newlinesOf = new WeakMap<Buffer, Int32Array>();

/**
 * The newlines of a whole buffer, counted once: the reader counts a record's lines to number the
 * next one, and stage one numbers its candidate lines in the same buffer (lineNumbers), which
 * then reads the offsets remembered here instead of searching for every newline again.
 */
export function countAllLines(buffer: Buffer): number {
  let n = 0;
  for (let i = buffer.indexOf(NEWLINE); i !== -1; i = buffer.indexOf(NEWLINE, i + 1)) {
    if (n === scratch.length) {
      const grown = new Int32Array(n * 2);
      grown.set(scratch);
      scratch = grown;
    }
    scratch[n++] = i;
  }
  newlinesOf.set(buffer, scratch.slice(0, n));
  return n;
}

/** Offsets are gathered here, then copied at their count (cheaper than growing an array per buffer). */
let scratch = new Int32Array(1 << 14);

/**
 * A numberer of lines in `buffer` for line starts given in ascending order: how many newlines lie
 * before each. Reads the offsets countAllLines remembered for the buffer, else counts as it goes.
 */
export function lineNumbers(buffer: Buffer): (start: number) => number {
  const offsets = newlinesOf.get(buffer);
  let index = 0;
  if (offsets !== undefined)
    return (start) => {
      while (index < offsets.length && offsets[index]! < start) index++;
      return index;
    };
  let counted = 0;
  return (start) => {
    index += countLines(buffer, counted, start);
    counted = start;
    return index;
  };
}

/** The UTF-16 length of UTF-8 bytes that start and end on character starts. */
export function utf16Length(bytes: Buffer): number {
  return isAscii(bytes) ? bytes.length : bytes.toString('utf8').length;
}
