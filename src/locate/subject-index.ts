/**
 * What a pass over the data looks values up in: every subject's normalised identifiers (emails by
 * their lower-case and canonical mailbox, phones by their E.164 and national digits, other
 * identifiers by their letters and digits) as hashes of their keys, and the digests of those
 * values, each in a table of typed arrays (digest-table.ts); the identifiers themselves in a
 * subject store (subject-store.ts). Candidates found in the data are normalised the same way and
 * looked up, so one pass serves every subject whatever their number: no pattern is made per
 * subject. Everything is in SharedArrayBuffers: built once, read by every worker thread.
 */
import { DIGEST_ALGORITHMS, HMAC_ALGORITHM, digestOf as digestBy, digestTextOf } from '../engine/digests.js';
import { createDigestTable, type DigestTable, type SharedTable } from './digest-table.js';
import { hasCanonicalMailbox, toNormalForms, type NormalForm } from './normalise.js';
import { toKeyHash } from './key-hash.js';
import type { Identifier, Subject } from './subject.js';
import {
  MAX_IDENTIFIERS,
  createSubjectStoreBuilder,
  subjectStoreFrom,
  type SharedStore,
  type SubjectStore,
} from './subject-store.js';

export { MAX_IDENTIFIERS };

/** Digests tried, in entry order: the unkeyed ones, then HMAC when a key is given. */
const ALGORITHMS = [...DIGEST_ALGORITHMS, HMAC_ALGORITHM] as const;

/** Normal forms per identifier that entries can name. */
const MAX_FORMS = 4;

/** A subject's identifier: subject index and identifier index, packed. */
export const toIdRef = (subject: number, identifier: number) => subject * MAX_IDENTIFIERS + identifier;
export const fromIdRef = (ref: number) => ({
  subject: Math.floor(ref / MAX_IDENTIFIERS),
  identifier: ref % MAX_IDENTIFIERS,
});

/** An identifier as lookups confirm it: its value, normal forms and plain keys. */
export interface NormalIdentifier extends Identifier {
  forms: NormalForm[];
  keys: string[];
}

/** Which kinds of candidates to look for. */
type Kinds = { email: boolean; phone: boolean; token: boolean };

/** The index as worker threads are given it: shared arrays only. */
export interface SharedIndex {
  store: SharedStore;
  plain: SharedTable;
  phone: SharedTable;
  token: SharedTable;
  digests: SharedTable;
  hmacKey?: Uint8Array;
  kinds: Kinds;
}

export interface SubjectIndex {
  store: SubjectStore;
  /**
   * Hash (key-hash.ts) of each normalised candidate key (`e:`, `c:`, `p:`, `t:` and the value) →
   * the identifier refs it may be; refsOf() confirms.
   */
  plain: DigestTable;
  /** Hashes of the `p:` and `t:` keys' values: the matcher's filter before building a candidate. */
  numberHashes: { phone: DigestTable; token: DigestTable };
  digests: DigestTable;
  hmacKey?: Buffer;
  kinds: Kinds;
  /** The identifier of a ref with its forms and keys (worked out once per ref, when first hit). */
  normal(ref: number): NormalIdentifier;
  shared(): SharedIndex;
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

/** The identifier refs of a plain key, if any: those whose hash matches and whose keys include it. */
export function refsOf(index: SubjectIndex, key: string): readonly number[] | undefined {
  let refs: number[] | undefined;
  index.plain.lookupKey(toKeyHash(key), (ref) => {
    if (index.normal(ref).keys.includes(key) && !refs?.includes(ref)) (refs ??= []).push(ref);
  });
  return refs;
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

const normalIdentifier = ({ kind, value }: Identifier): NormalIdentifier => {
  const forms = toNormalForms(kind, value).slice(0, MAX_FORMS);
  return { kind, value, forms, keys: plainKeys(kind, forms) };
};

/**
 * Identifiers whose forms a thread keeps worked out. Bounded: when most subjects are found (a
 * table holding every one), keeping them all took about as much memory per thread as the rest of
 * the run. The oldest go first; a phone found again after that is parsed again.
 */
const NORMALS_KEPT = 4096;

function indexOf(parts: Omit<SubjectIndex, 'normal' | 'shared'>): SubjectIndex {
  const normals = new Map<number, NormalIdentifier>();
  return {
    ...parts,
    normal(ref) {
      let found = normals.get(ref);
      if (found === undefined) {
        if (normals.size === NORMALS_KEPT) normals.delete(normals.keys().next().value!);
        normals.set(ref, (found = normalIdentifier(parts.store.identifier(ref)!)));
      }
      return found;
    },
    shared: () => ({
      store: parts.store.shared(),
      plain: parts.plain.shared(),
      phone: parts.numberHashes.phone.shared(),
      token: parts.numberHashes.token.shared(),
      digests: parts.digests.shared(),
      ...(parts.hmacKey ? { hmacKey: new Uint8Array(parts.hmacKey) } : {}),
      kinds: parts.kinds,
    }),
  };
}

/** The index another thread built, on its shared arrays. */
export function subjectIndexFrom(shared: SharedIndex): SubjectIndex {
  return indexOf({
    store: subjectStoreFrom(shared.store),
    plain: createDigestTable(shared.plain),
    numberHashes: { phone: createDigestTable(shared.phone), token: createDigestTable(shared.token) },
    digests: createDigestTable(shared.digests),
    ...(shared.hmacKey ? { hmacKey: Buffer.from(shared.hmacKey) } : {}),
    kinds: shared.kinds,
  });
}

/** Adds subjects as they are read (never all held as objects); finish() gives the index. */
export function createSubjectIndexBuilder(hmacKey?: Buffer): { add(subject: Subject): void; finish(): SubjectIndex } {
  const algorithms = DIGEST_ALGORITHMS.length + (hmacKey ? 1 : 0);
  const store = createSubjectStoreBuilder();
  const plain = createDigestTable();
  const numberHashes = { phone: createDigestTable(), token: createDigestTable() };
  const kinds = { email: false, phone: false, token: false };
  const digests = createDigestTable();
  let s = 0;
  return {
    add(subject) {
      store.add(subject);
      subject.identifiers.slice(0, MAX_IDENTIFIERS).forEach((identifier, i) => {
        const ref = toIdRef(s, i);
        const { forms, keys } = normalIdentifier(identifier);
        for (const key of keys) {
          plain.addKey(toKeyHash(key), ref);
          const keyKind = KIND_OF_KEY[key[0]!]!;
          kinds[keyKind] = true;
          if (keyKind !== 'email') {
            const hash = toKeyHash(key.slice(2));
            // A key added twice only takes two slots: has() is the same.
            numberHashes[keyKind].addKey(hash, 0);
          }
        }
        forms.forEach((form, f) => {
          for (let a = 0; a < algorithms; a++)
            digests.add(digestTextOf(form.value, algorithmName(a), hmacKey), toDigestEntry(ref, f, a));
        });
      });
      s++;
    },
    finish: () =>
      indexOf({ store: store.finish(), plain, numberHashes, digests, ...(hmacKey ? { hmacKey } : {}), kinds }),
  };
}

export function createSubjectIndex(subjects: readonly Subject[], hmacKey?: Buffer): SubjectIndex {
  const builder = createSubjectIndexBuilder(hmacKey);
  for (const subject of subjects) builder.add(subject);
  return builder.finish();
}

const KIND_OF_KEY: Record<string, 'email' | 'phone' | 'token'> = { e: 'email', c: 'email', p: 'phone', t: 'token' };
