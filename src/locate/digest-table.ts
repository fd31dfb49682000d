/**
 * Digests of every subject's normalised identifiers, looked up by the first four bytes of a digest
 * found in the data; also any other 32-bit key (a hash of a plain key, key-hash.ts). An
 * open-addressing table in typed arrays: millions of digests take a few bytes each, where a Map of
 * strings (or an automaton of their hex and base64 texts) would take hundreds. A prefix that hits
 * is confirmed by recomputing the full digest (matcher.ts). The arrays live in SharedArrayBuffers,
 * so that worker threads read the one table the reading thread built instead of a copy each.
 *
 * Invariant: every entry added is found by its digest's prefix; test/locate/digest-table.test.ts.
 */

/** Slots per entry, at least: keeps probe chains short. */
const LOAD = 2;

/** A table's arrays, as worker threads are given them (shared, not copied). */
export interface SharedTable {
  keys: Uint32Array;
  entries: Uint32Array;
  size: number;
}

export interface DigestTable {
  /** Adds an entry under a digest, given as bytes or as a string of one character a byte. */
  add(digest: Uint8Array | string, entry: number): void;
  /** Adds an entry under a 32-bit key. */
  addKey(key: number, entry: number): void;
  /** Calls `found` with each entry whose digest starts as `digest` does (its first four bytes). */
  lookup(digest: Uint8Array, found: (entry: number) => void): void;
  /** Calls `found` with each entry added under `key`. */
  lookupKey(key: number, found: (entry: number) => void): void;
  /** Whether any entry was added under `key`. */
  has(key: number): boolean;
  /** Entries added. */
  readonly size: number;
  /** The table's arrays, for another thread's fromShared(). */
  shared(): SharedTable;
}

/** The first four bytes of a digest as an unsigned number: the key a slot holds. */
const prefixOf = (digest: Uint8Array): number =>
  ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
const textPrefixOf = (digest: string): number =>
  ((digest.charCodeAt(0) << 24) | (digest.charCodeAt(1) << 16) | (digest.charCodeAt(2) << 8) | digest.charCodeAt(3)) >>>
  0;

const sharedArray = (length: number) => new Uint32Array(new SharedArrayBuffer(length * 4));

export function createDigestTable(expected = 0, from?: SharedTable): DigestTable {
  let capacity = 1024;
  while (capacity < expected * LOAD) capacity *= 2;
  let keys = from?.keys ?? sharedArray(capacity);
  // Entry + 1, so that 0 marks an empty slot.
  let entries = from?.entries ?? sharedArray(capacity);
  capacity = keys.length;
  let size = from?.size ?? 0;
  // Digests are uniform: their first bytes spread over the slots as they are (and key hashes are FNV-1a's).
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
    keys = sharedArray(capacity);
    entries = sharedArray(capacity);
    for (let slot = 0; slot < oldEntries.length; slot++)
      if (oldEntries[slot] !== 0) put(oldKeys[slot]!, oldEntries[slot]!);
  };
  const addKey = (key: number, entry: number) => {
    if ((size + 1) * LOAD > capacity) grow();
    put(key >>> 0, entry + 1);
    size++;
  };
  const lookupKey = (key: number, found: (entry: number) => void) => {
    const prefix = key >>> 0;
    for (let slot = slotOf(prefix); entries[slot] !== 0; slot = (slot + 1) & (capacity - 1))
      if (keys[slot] === prefix) found(entries[slot]! - 1);
  };
  return {
    add: (digest, entry) => addKey(typeof digest === 'string' ? textPrefixOf(digest) : prefixOf(digest), entry),
    addKey,
    lookup: (digest, found) => lookupKey(prefixOf(digest), found),
    lookupKey,
    has(key) {
      const prefix = key >>> 0;
      for (let slot = slotOf(prefix); entries[slot] !== 0; slot = (slot + 1) & (capacity - 1))
        if (keys[slot] === prefix) return true;
      return false;
    },
    get size() {
      return size;
    },
    shared: () => ({ keys, entries, size }),
  };
}
