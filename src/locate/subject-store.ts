/**
 * Subjects' identifiers in typed arrays: every value's UTF-8 bytes in one buffer, and per
 * identifier ref (subject-index.ts) its kind and where its bytes are. A hundred thousand subjects
 * as objects and strings take tens of megabytes of heap; here a few, in SharedArrayBuffers that
 * worker threads read without a copy each. Values are decoded only when a lookup hits.
 */
import type { Identifier, Subject } from './subject.js';

/** Identifiers per subject that refs can name. */
export const MAX_IDENTIFIERS = 8;

/** The store's arrays, as worker threads are given them. */
export interface SharedStore {
  count: number;
  /** Identifier kinds, by the number `kindOf` holds less one. */
  kinds: string[];
  /** Per ref: its kind's index + 1; 0 when the subject has no identifier there. */
  kindOf: Uint8Array;
  /** Per ref: where its value's bytes start and end in `text`. */
  start: Uint32Array;
  end: Uint32Array;
  text: Uint8Array;
}

export interface SubjectStore {
  /** Subjects. */
  readonly count: number;
  /** Identifier kinds given, in first-seen order. */
  readonly kinds: readonly string[];
  identifier(ref: number): Identifier | undefined;
  /** A subject's identifiers, in the order given. */
  identifiers(subject: number): Identifier[];
  shared(): SharedStore;
}

/** Adds subjects as they are read; finish() gives the store. */
export interface SubjectStoreBuilder {
  add(subject: Subject): void;
  finish(): SubjectStore;
}

/** A copy of `array`'s first `length` items in a SharedArrayBuffer. */
function shared<T extends Uint8Array | Uint32Array>(array: T, length: number): T {
  // A Buffer's copy is a Uint8Array: Buffer's own constructor is deprecated.
  const Type = (array instanceof Uint32Array ? Uint32Array : Uint8Array) as unknown as new (
    buffer: SharedArrayBuffer,
  ) => T;
  const copy = new Type(new SharedArrayBuffer(length * array.BYTES_PER_ELEMENT));
  copy.set(array.subarray(0, length));
  return copy;
}

/**
 * Subjects are added one at a time, as a file is read, so that they are never all held as objects:
 * the arrays double as they fill, and are copied once into shared ones of their final size.
 */
export function createSubjectStoreBuilder(): SubjectStoreBuilder {
  const kinds: string[] = [];
  let kindOf = new Uint8Array(1024 * MAX_IDENTIFIERS);
  let start = new Uint32Array(kindOf.length);
  let end = new Uint32Array(kindOf.length);
  let text = Buffer.alloc(64 * 1024);
  let count = 0;
  let at = 0;
  const grown = <T extends Uint8Array | Uint32Array>(array: T, length: number): T => {
    const Type = array.constructor as new (length: number) => T;
    const bigger = new Type(length);
    bigger.set(array);
    return bigger;
  };
  return {
    add(subject) {
      if ((count + 1) * MAX_IDENTIFIERS > kindOf.length)
        [kindOf, start, end] = [
          grown(kindOf, 2 * kindOf.length),
          grown(start, 2 * start.length),
          grown(end, 2 * end.length),
        ];
      subject.identifiers.slice(0, MAX_IDENTIFIERS).forEach(({ kind, value }, i) => {
        const ref = count * MAX_IDENTIFIERS + i;
        let k = kinds.indexOf(kind);
        if (k === -1) k = kinds.push(kind) - 1;
        while (at + Buffer.byteLength(value) > text.length) text = Buffer.concat([text], 2 * text.length);
        kindOf[ref] = k + 1;
        start[ref] = at;
        at += text.write(value, at);
        end[ref] = at;
      });
      count++;
    },
    finish() {
      const refs = count * MAX_IDENTIFIERS;
      return subjectStoreFrom({
        count,
        kinds,
        kindOf: shared(kindOf, refs),
        start: shared(start, refs),
        end: shared(end, refs),
        text: shared(text, at),
      });
    },
  };
}

export function subjectStoreFrom(shared: SharedStore): SubjectStore {
  const { count, kinds, kindOf, start, end } = shared;
  const text = Buffer.from(shared.text.buffer, shared.text.byteOffset, shared.text.byteLength);
  const identifier = (ref: number): Identifier | undefined => {
    const k = kindOf[ref];
    return k ? { kind: kinds[k - 1]!, value: text.toString('utf8', start[ref], end[ref]) } : undefined;
  };
  return {
    count,
    kinds,
    identifier,
    identifiers(subject) {
      const found: Identifier[] = [];
      for (let i = 0; i < MAX_IDENTIFIERS; i++) {
        const id = identifier(subject * MAX_IDENTIFIERS + i);
        if (id === undefined) break;
        found.push(id);
      }
      return found;
    },
    shared: () => shared,
  };
}
