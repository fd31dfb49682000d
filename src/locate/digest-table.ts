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
  /** Per slot, its key then its entry + 1 (0: empty): a probe reads one cache line, not two. */
  slots: Uint32Array;
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
  /** The table's arrays, for another thread's createDigestTable(). */
  shared(): SharedTable;
}

/** The first four bytes of a digest as an unsigned number: the key a slot holds. */
const prefixOf = (digest: Uint8Array): number =>
  ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
const textPrefixOf = (digest: string): number =>
  ((digest.charCodeAt(0) << 24) | (digest.charCodeAt(1) << 16) | (digest.charCodeAt(2) << 8) | digest.charCodeAt(3)) >>>
  0;

/** Whether the slots hold `key`: apart from the table's closure, as the matcher asks it of every number. */
function holds(slots: Uint32Array, mask: number, key: number): boolean {
  for (let slot = key & mask; slots[2 * slot + 1] !== 0; slot = (slot + 1) & mask)
    if (slots[2 * slot] === key) return true;
  return false;
}

/**
 * Entries are added to a list in the order given and put into slots only when the table is first
 * read (or shared), into as many as they need: putting each entry as it came, into a table doubled
 * as it filled, cost a random memory access per entry and per doubling.
 */
export function createDigestTable(from?: SharedTable): DigestTable {
  let slots = from?.slots ?? new Uint32Array(new SharedArrayBuffer(1024 * 2 * 4));
  let size = from?.size ?? 0;
  let pending = new Uint32Array(0);
  let waiting = 0;
  let mask = slots.length / 2 - 1;
  const put = (key: number, entry: number) => {
    let slot = key & mask;
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = key;
    slots[2 * slot + 1] = entry;
  };
  // Digests are uniform: their first bytes spread over the slots as they are (and key hashes are FNV-1a's).
  const settle = () => {
    let capacity = slots.length / 2;
    while (capacity < (size + waiting) * LOAD) capacity *= 2;
    if (capacity !== slots.length / 2) {
      const old = slots;
      slots = new Uint32Array(new SharedArrayBuffer(capacity * 2 * 4));
      mask = capacity - 1;
      for (let slot = 0; slot < old.length; slot += 2) if (old[slot + 1] !== 0) put(old[slot]!, old[slot + 1]!);
    }
    for (let i = 0; i < 2 * waiting; i += 2) put(pending[i]!, pending[i + 1]!);
    size += waiting;
    waiting = 0;
    pending = new Uint32Array(0);
  };
  const addKey = (key: number, entry: number) => {
    if (2 * waiting === pending.length) {
      const more = new Uint32Array(Math.max(2048, 2 * pending.length));
      more.set(pending);
      pending = more;
    }
    pending[2 * waiting] = key >>> 0;
    pending[2 * waiting + 1] = entry + 1;
    waiting++;
  };
  const lookupKey = (key: number, found: (entry: number) => void) => {
    if (waiting !== 0) settle();
    const prefix = key >>> 0;
    for (let slot = prefix & mask; slots[2 * slot + 1] !== 0; slot = (slot + 1) & mask)
      if (slots[2 * slot] === prefix) found(slots[2 * slot + 1]! - 1);
  };
  return {
    add: (digest, entry) => addKey(typeof digest === 'string' ? textPrefixOf(digest) : prefixOf(digest), entry),
    addKey,
    lookup: (digest, found) => lookupKey(prefixOf(digest), found),
    lookupKey,
    has(key) {
      if (waiting !== 0) settle();
      return holds(slots, mask, key >>> 0);
    },
    get size() {
      return size + waiting;
    },
    shared() {
      if (waiting !== 0) settle();
      return { slots, size };
    },
  };
}
