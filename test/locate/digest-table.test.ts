// The digest table: every entry added is found by its digest's prefix, through the table's growth,
// and a digest no subject has finds nothing; prefixes decoded in place from hex and base64 text
// are the digest's own first bytes.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDigestTable } from '../../src/locate/digest-table.js';
import { PREFIX_BYTES, decodePrefix, isBase64Digest } from '../../src/locate/digest-prefix.js';
import { MAX_IDENTIFIERS, createSubjectStoreBuilder, subjectStoreFrom } from '../../src/locate/subject-store.js';

const digest = (i: number, algorithm = 'sha256') => createHash(algorithm).update(`user${i}@example.com`).digest();

describe('digest table', () => {
  it('finds every entry by its prefix after growing many times', () => {
    const table = createDigestTable();
    const count = 20_000;
    for (let i = 0; i < count; i++) table.add(digest(i), i);
    expect(table.size).toBe(count);
    for (let i = 0; i < count; i += 7) {
      const found: number[] = [];
      table.lookup(digest(i), (entry) => found.push(entry));
      expect(found).toContain(i);
    }
  });

  it('finds nothing for a digest not added, and every entry of a digest added twice', () => {
    const table = createDigestTable();
    table.add(digest(1), 10);
    table.add(digest(1), 11);
    const found: number[] = [];
    table.lookup(digest(1), (entry) => found.push(entry));
    expect(found.sort()).toEqual([10, 11]);
    const none: number[] = [];
    table.lookup(digest(2), (entry) => none.push(entry));
    expect(none).toEqual([]);
  });
});

describe('the index on shared arrays (what worker threads read)', () => {
  it('finds in a table made on the shared arrays what the table they came from finds', () => {
    const table = createDigestTable();
    for (let i = 0; i < 5000; i++) table.add(digest(i), i);
    // Through a structured clone, as a worker's data: shared memory, not a copy.
    const shared = structuredClone(table.shared());
    expect(shared.slots.buffer).toBeInstanceOf(SharedArrayBuffer);
    const other = createDigestTable(shared);
    for (let i = 0; i < 5000; i += 13) {
      const found: number[] = [];
      other.lookup(digest(i), (entry) => found.push(entry));
      expect(found).toContain(i);
    }
    expect(other.size).toBe(5000);
  });

  it('gives back every subject identifier as added, through a clone of its arrays', () => {
    const subjects = [
      { identifiers: [{ kind: 'email', value: 'zoë@example.com' }] },
      {
        ref: 'r2',
        identifiers: Array.from({ length: 10 }, (_, i) => ({ kind: i % 2 ? 'phone' : 'us_ssn', value: `v${i}` })),
      },
    ];
    const builder = createSubjectStoreBuilder();
    subjects.forEach((s) => builder.add(s));
    const store = subjectStoreFrom(structuredClone(builder.finish().shared()));
    expect(store.count).toBe(2);
    expect(store.identifiers(0)).toEqual(subjects[0]!.identifiers);
    // At most MAX_IDENTIFIERS of a subject are kept.
    expect(store.identifiers(1)).toEqual(subjects[1]!.identifiers.slice(0, MAX_IDENTIFIERS));
    expect(store.kinds).toEqual(['email', 'us_ssn', 'phone']);
  });
});

describe('digest prefixes decoded in place', () => {
  const out = new Uint8Array(PREFIX_BYTES);
  for (const algorithm of ['md5', 'sha1', 'sha256', 'sha512'])
    for (const encoding of ['hex', 'HEX', 'base64', 'base64url'] as const)
      it(`${algorithm} in ${encoding}`, () => {
        const d = digest(3, algorithm);
        const text = encoding === 'HEX' ? d.toString('hex').toUpperCase() : d.toString(encoding);
        const data = Buffer.from(text);
        decodePrefix(data, 0, encoding === 'HEX' || encoding === 'hex' ? 'hex' : 'base64', out);
        expect(Buffer.from(out).equals(d.subarray(0, PREFIX_BYTES))).toBe(true);
        if (encoding.startsWith('base64')) expect(isBase64Digest(data, 0, data.length)).toBe(true);
      });

  it('takes a base64 run of a digest length that decodes to no digest length for none', () => {
    const data = Buffer.from('A'.repeat(24)); // 24 letters without padding: 18 bytes
    expect(isBase64Digest(data, 0, data.length)).toBe(false);
  });
});
