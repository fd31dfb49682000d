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

const sharedBytes = (length: number) => new Uint8Array(new SharedArrayBuffer(length));
const sharedWords = (length: number) => new Uint32Array(new SharedArrayBuffer(length * 4));

export function createSubjectStore(subjects: readonly Subject[]): SubjectStore {
  const refs = subjects.length * MAX_IDENTIFIERS;
  const kinds: string[] = [];
  const kindOf = sharedBytes(refs);
  const start = sharedWords(refs);
  const end = sharedWords(refs);
  let bytes = 0;
  for (const subject of subjects)
    for (const { value } of subject.identifiers.slice(0, MAX_IDENTIFIERS)) bytes += Buffer.byteLength(value);
  const text = sharedBytes(bytes);
  const writer = Buffer.from(text.buffer);
  let at = 0;
  subjects.forEach((subject, s) =>
    subject.identifiers.slice(0, MAX_IDENTIFIERS).forEach(({ kind, value }, i) => {
      const ref = s * MAX_IDENTIFIERS + i;
      let k = kinds.indexOf(kind);
      if (k === -1) k = kinds.push(kind) - 1;
      kindOf[ref] = k + 1;
      start[ref] = at;
      at += writer.write(value, at);
      end[ref] = at;
    }),
  );
  return subjectStoreFrom({ count: subjects.length, kinds, kindOf, start, end, text });
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
