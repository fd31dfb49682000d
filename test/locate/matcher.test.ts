// The matcher's candidates: the hash filter (mayHaveGroupKey) passes every number or word that
// eachGroupJoin would build and look up, so that filtering never loses a subject, and a subject's
// phone written with any separators, escapes or a leading 00 is found.
import { describe, expect, it } from 'vitest';
import { DIGIT, ALNUM } from '../../src/locate/byte-classes.js';
import { eachGroupJoin, mayHaveGroupKey } from '../../src/locate/candidates.js';
import { toKeyHash } from '../../src/locate/key-hash.js';
import { createSubjectIndex } from '../../src/locate/subject-index.js';
import { createMatcher } from '../../src/locate/matcher.js';

const TEXTS = [
  'call +44 (0)7700-900.123 now',
  'id AB-123-cd 4567',
  'n=%2B447700%20900123&x=1',
  '0044 7700 900123',
  '2026-11-01 12:00:05 order 123456789 done',
];

describe('the hash filter of numbers and words', () => {
  for (const [kind, name] of [
    [DIGIT, 'digits'],
    [ALNUM, 'letters and digits'],
  ] as const)
    it(`passes every joined group eachGroupJoin emits (${name})`, () => {
      const maxChars = kind === DIGIT ? 17 : 40;
      for (const text of TEXTS) {
        const data = Buffer.from(text);
        for (let start = 0; start < data.length; start++) {
          const emitted: string[] = [];
          eachGroupJoin(data, start, { kind, maxChars, emit: (joined) => emitted.push(joined) < 0 });
          for (const joined of emitted.filter((j) => j.length >= 5)) {
            const key = kind === DIGIT && joined.startsWith('00') ? joined.slice(2) : joined.toUpperCase();
            const hashes = new Set([toKeyHash(key)]);
            const options = { kind, maxChars, minChars: 5, hashes, international: kind === DIGIT };
            expect(mayHaveGroupKey(data, start, options)).toBe(true);
          }
          const none = { kind, maxChars, minChars: 5, hashes: new Set<number>(), international: false };
          expect(mayHaveGroupKey(data, start, none)).toBe(false);
        }
      }
    });

  it("finds a subject's phone in every way the texts write it", () => {
    const index = createSubjectIndex([{ identifiers: [{ kind: 'phone', value: '+44 7700 900123' }] }]);
    const match = createMatcher(index);
    const forms = TEXTS.slice(0, 4)
      .filter((t) => t.includes('7700'))
      .map((t) => match(Buffer.from(t)).map((h) => h.form));
    expect(forms).toEqual([['national'], ['url-encoded E.164'], ['international (00)']]);
  });
});
