/**
 * What a pass over the data looks values up in: every subject's normalised identifiers (emails by
 * their lower-case and canonical mailbox, phones by their E.164 and national digits, other
 * identifiers by their letters and digits) in one Map, and the digests of those values in one
 * digest table. Candidates found in the data are normalised the same way and looked up, so one
 * pass serves every subject whatever their number: no pattern is made per subject.
 */
import { DIGEST_ALGORITHMS, HMAC_ALGORITHM, digestOf as digestBy, digestTextOf } from '../engine/digests.js';
import { createDigestTable, type DigestTable } from './digest-table.js';
import { hasCanonicalMailbox, toNormalForms, type NormalForm } from './normalise.js';
import { toKeyHash } from './key-hash.js';
import type { Subject } from './subject.js';

/** Digests tried, in entry order: the unkeyed ones, then HMAC when a key is given. */
const ALGORITHMS = [...DIGEST_ALGORITHMS, HMAC_ALGORITHM] as const;

/** Identifiers per subject and normal forms per identifier that entries can name. */
export const MAX_IDENTIFIERS = 8;
const MAX_FORMS = 4;

/** A subject's identifier: subject index and identifier index, packed. */
export const toIdRef = (subject: number, identifier: number) => subject * MAX_IDENTIFIERS + identifier;
export const fromIdRef = (ref: number) => ({
  subject: Math.floor(ref / MAX_IDENTIFIERS),
  identifier: ref % MAX_IDENTIFIERS,
});

export interface SubjectIndex {
  subjects: readonly Subject[];
  /**
   * Normalised candidate key (`e:`, `c:`, `p:`, `t:` and the value) → the identifier ref, or refs
   * when subjects share it (a number, not an array, for the many keys of one subject: memory).
   */
  plain: Map<string, number | number[]>;
  /** Hashes (key-hash.ts) of the `p:` and `t:` keys' values: the matcher's filter before building a candidate. */
  numberHashes: { phone: Set<number>; token: Set<number> };
  digests: DigestTable;
  hmacKey?: Buffer;
  /** Which kinds of candidates to look for. */
  kinds: { email: boolean; phone: boolean; token: boolean };
}

/** The digest of a value by the algorithm at index `algorithm` of the entry order. */
export const digestOf = (value: string, algorithm: number, key?: Buffer): Buffer =>
  digestBy(value, algorithmName(algorithm), key);

export const algorithmName = (algorithm: number) => ALGORITHMS[algorithm]!;

/** A digest entry: identifier ref, normal form and algorithm, packed. */
export const toDigestEntry = (ref: number, form: number, algorithm: number) => (ref * MAX_FORMS + form) * 8 + algorithm;
export const fromDigestEntry = (entry: number) => ({
  ref: Math.floor(entry / 8 / MAX_FORMS),
  form: Math.floor(entry / 8) % MAX_FORMS,
  algorithm: entry % 8,
});

function addPlain(plain: Map<string, number | number[]>, key: string, ref: number): void {
  const refs = plain.get(key);
  if (refs === undefined) plain.set(key, ref);
  else if (typeof refs === 'number') {
    if (refs !== ref) plain.set(key, [refs, ref]);
  } else if (!refs.includes(ref)) refs.push(ref);
}

/** The identifier refs of a plain key, if any. */
export function refsOf(index: SubjectIndex, key: string): readonly number[] | undefined {
  const refs = index.plain.get(key);
  return typeof refs === 'number' ? [refs] : refs;
}

/** The plain keys of an identifier, from its normal forms (normalise.ts says which is which). */
function plainKeys(kind: string, forms: readonly NormalForm[]): string[] {
  // Only a provider's emails have a canonical mailbox a spelling in the data may map to.
  if (kind === 'email')
    return [
      `e:${forms[0]!.value}`,
      ...(hasCanonicalMailbox(forms[0]!.value) ? [`c:${(forms[1] ?? forms[0]!).value}`] : []),
    ];
  // A parsed phone's forms are E.164 with `+`, E.164 digits and national digits.
  if (kind === 'phone' && forms.length === 3) return [`p:${forms[1]!.value}`, `p:${forms[2]!.value}`];
  return [`t:${forms[0]!.value}`];
}

const KIND_OF_KEY: Record<string, 'email' | 'phone' | 'token'> = { e: 'email', c: 'email', p: 'phone', t: 'token' };

export function createSubjectIndex(subjects: readonly Subject[], hmacKey?: Buffer): SubjectIndex {
  const algorithms = DIGEST_ALGORITHMS.length + (hmacKey ? 1 : 0);
  const plain = new Map<string, number[]>();
  const numberHashes = { phone: new Set<number>(), token: new Set<number>() };
  const kinds = { email: false, phone: false, token: false };
  const digests = createDigestTable();
  subjects.forEach((subject, s) => {
    subject.identifiers.slice(0, MAX_IDENTIFIERS).forEach(({ kind, value }, i) => {
      const ref = toIdRef(s, i);
      const forms = toNormalForms(kind, value).slice(0, MAX_FORMS);
      for (const key of plainKeys(kind, forms)) {
        addPlain(plain, key, ref);
        const keyKind = KIND_OF_KEY[key[0]!]!;
        kinds[keyKind] = true;
        if (keyKind !== 'email') numberHashes[keyKind].add(toKeyHash(key.slice(2)));
      }
      forms.forEach((form, f) => {
        for (let a = 0; a < algorithms; a++)
          digests.add(digestTextOf(form.value, algorithmName(a), hmacKey), toDigestEntry(ref, f, a));
      });
    });
  });
  return { subjects, plain, numberHashes, digests, ...(hmacKey ? { hmacKey } : {}), kinds };
}
