/** Counting in text bytes: lines, and the UTF-16 units columns are reported in. */
import { isAscii } from 'node:buffer';

const NEWLINE = 0x0a;

/** Number of newlines in buffer[from, to). */
export function countLines(buffer: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buffer.indexOf(NEWLINE, from); i !== -1 && i < to; i = buffer.indexOf(NEWLINE, i + 1)) n++;
  return n;
}

/** The UTF-16 length of UTF-8 bytes that start and end on character starts. */
export function utf16Length(bytes: Buffer): number {
  return isAscii(bytes) ? bytes.length : bytes.toString('utf8').length;
}
