/**
 * Digests of every subject's normalised identifiers, looked up by the first four bytes of a digest
 * found in the data. An open-addressing table in typed arrays: millions of digests take a few
 * bytes each, where a Map of strings (or an automaton of their hex and base64 texts) would take
 * hundreds. A prefix that hits is confirmed by recomputing the full digest (matcher.ts).
 *
 * Invariant: every entry added is found by its digest's prefix; test/locate/digest-table.test.ts.
 */

/** Slots per entry, at least: keeps probe chains short. */
const LOAD = 2;

export interface DigestTable {
  /** Adds an entry under a digest, given as bytes or as a string of one character a byte. */
  add(digest: Uint8Array | string, entry: number): void;
  /** Calls `found` with each entry whose digest starts as `digest` does (its first four bytes). */
  lookup(digest: Uint8Array, found: (entry: number) => void): void;
  /** Entries added. */
  readonly size: number;
}

/** The first four bytes of a digest as an unsigned number: the key a slot holds. */
const prefixOf = (digest: Uint8Array): number =>
  ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
const textPrefixOf = (digest: string): number =>
  ((digest.charCodeAt(0) << 24) | (digest.charCodeAt(1) << 16) | (digest.charCodeAt(2) << 8) | digest.charCodeAt(3)) >>>
  0;

export function createDigestTable(expected = 0): DigestTable {
  let capacity = 1024;
  while (capacity < expected * LOAD) capacity *= 2;
  let keys = new Uint32Array(capacity);
  // Entry + 1, so that 0 marks an empty slot.
  let entries = new Uint32Array(capacity);
  let size = 0;
  // Digests are uniform: their first bytes spread over the slots as they are.
  const slotOf = (prefix: number) => prefix & (capacity - 1);
  const put = (prefix: number, entry: number) => {
    let slot = slotOf(prefix);
    while (entries[slot] !== 0) slot = (slot + 1) & (capacity - 1);
    keys[slot] = prefix;
    entries[slot] = entry;
  };
  // Doubled when full to the load: subjects' identifiers are not counted before they are added.
  const grow = () => {
    const [oldKeys, oldEntries] = [keys, entries];
    capacity *= 2;
    keys = new Uint32Array(capacity);
    entries = new Uint32Array(capacity);
    for (let slot = 0; slot < oldEntries.length; slot++)
      if (oldEntries[slot] !== 0) put(oldKeys[slot]!, oldEntries[slot]!);
  };
  return {
    add(digest, entry) {
      if ((size + 1) * LOAD > capacity) grow();
      put(typeof digest === 'string' ? textPrefixOf(digest) : prefixOf(digest), entry + 1);
      size++;
    },
    lookup(digest, found) {
      const prefix = prefixOf(digest);
      for (let slot = slotOf(prefix); entries[slot] !== 0; slot = (slot + 1) & (capacity - 1))
        if (keys[slot] === prefix) found(entries[slot]! - 1);
    },
    get size() {
      return size;
    },
  };
}
