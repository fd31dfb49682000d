/**
 * Candidates in text, as bytes: runs that may be digests (hex of a digest's length, base64 with or
 * without padding), emails around an `@` (also `%40` and `\u0040`), and groups of digits or letters
 * with separators between them (phone numbers, identifiers). A candidate is normalised and looked
 * up (matcher.ts); nothing here knows a subject.
 *
 * Invariant: a run is tried once, from its start; test/locate/matcher.test.ts holds what is found.
 */
import { ALNUM, B64, CLASSES, DIGIT, HEX, MAIL, SEPARATOR } from './byte-classes.js';
import { HASH_START, hashStep, toSetHash } from './key-hash.js';

const AT = 0x40;
const PERCENT = 0x25;
const BACKSLASH = 0x5c;
const EQUALS = 0x3d;
const PLUS = 0x2b;

/** Whether `data[at..]` spells `text` (ASCII, letters in any case). */
export function spells(data: Uint8Array, at: number, text: string): boolean {
  if (at + text.length > data.length) return false;
  for (let i = 0; i < text.length; i++) if ((data[at + i]! | 0x20) !== (text.charCodeAt(i) | 0x20)) return false;
  return true;
}

/** Bytes an `@` takes at `at`: 1, 3 (`%40`), 6 (`\u0040`), or 0 when there is none. */
export function atSignAt(data: Uint8Array, at: number): number {
  const b = data[at];
  if (b === AT) return 1;
  if (b === PERCENT && spells(data, at, '%40')) return 3;
  if (b === BACKSLASH && spells(data, at, '\\u0040')) return 6;
  return 0;
}

/** The span of the email whose `@` is at `at` (taking `width` bytes). */
export function emailSpan(data: Uint8Array, at: number, width: number): [number, number] {
  let start = at;
  while (start > 0 && (CLASSES[data[start - 1]!]! & MAIL) !== 0) start--;
  let end = at + width;
  while (end < data.length && (CLASSES[data[end]!]! & MAIL) !== 0 && atSignAt(data, end) === 0) end++;
  // A sentence's full stop is not the domain's.
  while (end > at + width && data[end - 1] === 0x2e) end--;
  return [start, end];
}

/** The end of the base64 (or hex) run starting at `start`, padding included. */
export function runEnd(data: Uint8Array, start: number): number {
  let end = start;
  while (end < data.length && (CLASSES[data[end]!]! & B64) !== 0) end++;
  while (end < data.length && data[end] === EQUALS && end - start < 90) end++;
  return end;
}

export function isHexRun(data: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((CLASSES[data[i]!]! & HEX) === 0) return false;
  return true;
}

/** Whether a number or word may start at `at`: not inside one (`%2B` and `%20` before it count as a boundary). */
export function startsWord(data: Uint8Array, at: number): boolean {
  if (at === 0 || (CLASSES[data[at - 1]!]! & ALNUM) === 0) return true;
  return at >= 3 && data[at - 3] === PERCENT && (spells(data, at - 3, '%2B') || spells(data, at - 3, '%20'));
}

/**
 * Groups from `start`: runs of `kind` bytes (DIGIT or ALNUM) with at most two separators between
 * them (`+44 (0)7700 900123`, `%20` as one). Calls `emit` with the text of the groups joined and the
 * end, after each group, until `maxChars` characters; stops when `emit` returns true.
 */
export function eachGroupJoin(
  data: Uint8Array,
  start: number,
  options: { kind: number; maxChars: number; emit: (joined: string, end: number) => boolean },
): void {
  let joined = '';
  let i = start;
  while (i < data.length && joined.length < options.maxChars) {
    const from = i;
    while (i < data.length && (CLASSES[data[i]!]! & options.kind) !== 0) i++;
    if (i === from) return;
    joined += String.fromCharCode(...data.subarray(from, i));
    // A group that runs on into letters (`900123abc`) ends no number.
    if (i < data.length && (CLASSES[data[i]!]! & ALNUM) !== 0) return;
    if (options.emit(joined, i)) return;
    const next = gapEnd(data, i);
    if (next === i) return;
    i = next;
  }
}

/** Bytes of the gap after a group at `i`: separators and `%20`, at most three, as eachGroupJoin takes them. */
function gapEnd(data: Uint8Array, i: number): number {
  for (let gap = 0; gap < 3 && i < data.length; gap++) {
    if ((CLASSES[data[i]!]! & SEPARATOR) !== 0) i++;
    else if (data[i] === PERCENT && spells(data, i, '%20')) i += 3;
    else break;
  }
  return i;
}

const ZERO = 0x30;
const LOWER_A = 0x61;
const LOWER_Z = 0x7a;

/**
 * Whether any joined groups eachGroupJoin would emit from `start` (of `minChars` or more) hash to
 * one of `hashes`: the same walk, without building text. Upper-cases letters; a leading `00` is not
 * hashed when `international`, as the matcher drops it before looking a number up.
 */
export function mayHaveGroupKey(
  data: Uint8Array,
  start: number,
  options: {
    kind: number;
    maxChars: number;
    minChars: number;
    hashes: { has(hash: number): boolean };
    international: boolean;
  },
): boolean {
  let hash = HASH_START;
  let count = 0;
  let zeros = 0;
  let i = start;
  while (i < data.length && count < options.maxChars) {
    const from = i;
    for (; i < data.length && (CLASSES[data[i]!]! & options.kind) !== 0; i++) {
      const b = data[i]!;
      hash = hashStep(hash, b >= LOWER_A && b <= LOWER_Z ? b - 0x20 : b);
      if (count < 2 && b === ZERO && zeros === count) zeros++;
      if (++count === 2 && zeros === 2 && options.international) hash = HASH_START;
    }
    if (i === from) return false;
    if (i < data.length && (CLASSES[data[i]!]! & ALNUM) !== 0) return false;
    if (count >= options.minChars && options.hashes.has(toSetHash(hash))) return true;
    const next = gapEnd(data, i);
    if (next === i) return false;
    i = next;
  }
  return false;
}

export { DIGIT, ALNUM, PLUS, PERCENT };
