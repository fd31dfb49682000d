/**
 * Digests of every subject's normalised identifiers, looked up by the first six bytes of a digest
 * found in the data. An open-addressing table in typed arrays: millions of digests take a few
 * bytes each, where a Map of strings (or an automaton of their hex and base64 texts) would take
 * hundreds. A prefix that hits is confirmed by recomputing the full digest (matcher.ts).
 *
 * Invariant: every entry added is found by its digest's prefix; test/locate/digest-table.test.ts.
 */

/** Slots per entry, at least: keeps probe chains short. */
const LOAD = 2;

export interface DigestTable {
  add(digest: Uint8Array, entry: number): void;
  /** Calls `found` with each entry whose digest starts as `digest` does (its first six bytes). */
  lookup(digest: Uint8Array, found: (entry: number) => void): void;
  /** Entries added. */
  readonly size: number;
}

/** The first six bytes of a digest as a number (exact in a double). */
function prefixOf(digest: Uint8Array): number {
  return (
    digest[0]! * 2 ** 40 +
    digest[1]! * 2 ** 32 +
    ((digest[2]! << 24) >>> 0) +
    (digest[3]! << 16) +
    (digest[4]! << 8) +
    digest[5]!
  );
}

export function createDigestTable(expected: number): DigestTable {
  let capacity = 1024;
  while (capacity < expected * LOAD) capacity *= 2;
  const keys = new Float64Array(capacity);
  // Entry + 1, so that 0 marks an empty slot.
  const entries = new Uint32Array(capacity);
  const mask = capacity - 1;
  let size = 0;
  const slotOf = (prefix: number) => ((prefix % 0x40000000) ^ Math.floor(prefix / 0x40000000)) & mask;
  return {
    add(digest, entry) {
      if (size + 1 > capacity * 0.75) throw new Error('digest table full: more entries than expected');
      const prefix = prefixOf(digest);
      let slot = slotOf(prefix);
      while (entries[slot] !== 0) slot = (slot + 1) & mask;
      keys[slot] = prefix;
      entries[slot] = entry + 1;
      size++;
    },
    lookup(digest, found) {
      const prefix = prefixOf(digest);
      for (let slot = slotOf(prefix); entries[slot] !== 0; slot = (slot + 1) & mask)
        if (keys[slot] === prefix) found(entries[slot]! - 1);
    },
    get size() {
      return size;
    },
  };
}
