/**
 * A 32-bit FNV-1a hash of a candidate's normalised characters, computed the same way from a
 * subject's key (a string) and, byte by byte, from the data: the matcher walks a number or a word
 * hashing as it goes and builds the candidate's text only when the hash is a subject's. Kept as a
 * small integer so that a Set holds it unboxed.
 *
 * Invariant: toKeyHash(key) equals the hash the matcher walks for the same characters;
 * test/locate/matcher.test.ts finds every form through this filter.
 */

export const HASH_START = 0x811c9dc5 | 0;

export const hashStep = (hash: number, code: number): number => Math.imul(hash ^ code, 0x01000193);

/** The key hash a Set holds: 31 bits, a small integer in V8. */
export const toSetHash = (hash: number): number => hash >> 1;

/** The set hash of a normalised key's characters (ASCII digits and upper-case letters). */
export function toKeyHash(key: string): number {
  let hash = HASH_START;
  for (let i = 0; i < key.length; i++) hash = hashStep(hash, key.charCodeAt(i));
  return toSetHash(hash);
}
