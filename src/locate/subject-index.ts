/**
 * What a pass over the data looks values up in: every subject's normalised identifiers (emails by
 * their lower-case and canonical mailbox, phones by their E.164 and national digits, other
 * identifiers by their letters and digits) in one Map, and the digests of those values in one
 * digest table. Candidates found in the data are normalised the same way and looked up, so one
 * pass serves every subject whatever their number: no pattern is made per subject.
 */
import { DIGEST_ALGORITHMS, HMAC_ALGORITHM, digestOf as digestBy } from '../engine/digests.js';
import { createDigestTable, type DigestTable } from './digest-table.js';
import { canonicalEmail, normaliseToken, toNormalForms, toPhoneDigits } from './normalise.js';
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
  /** Normalised candidate key (`e:`, `c:`, `p:`, `t:` and the value) → identifier refs. */
  plain: Map<string, number[]>;
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

function addPlain(plain: Map<string, number[]>, key: string, ref: number): void {
  const refs = plain.get(key);
  if (refs === undefined) plain.set(key, [ref]);
  else if (!refs.includes(ref)) refs.push(ref);
}

/** The plain keys of an identifier. */
function plainKeys(kind: string, value: string): string[] {
  if (kind === 'email') {
    const email = value.trim().toLowerCase();
    return [`e:${email}`, `c:${canonicalEmail(email) ?? email}`];
  }
  const digits = kind === 'phone' ? toPhoneDigits(value) : undefined;
  if (digits !== undefined) return [`p:${digits.e164}`, `p:${digits.national}`];
  return [`t:${normaliseToken(value)}`];
}

export function createSubjectIndex(subjects: readonly Subject[], hmacKey?: Buffer): SubjectIndex {
  const algorithms = DIGEST_ALGORITHMS.length + (hmacKey ? 1 : 0);
  let expected = 0;
  for (const s of subjects) expected += s.identifiers.length * MAX_FORMS * algorithms;
  const digests = createDigestTable(expected);
  const plain = new Map<string, number[]>();
  const kinds = { email: false, phone: false, token: false };
  subjects.forEach((subject, s) => {
    subject.identifiers.slice(0, MAX_IDENTIFIERS).forEach(({ kind, value }, i) => {
      const ref = toIdRef(s, i);
      for (const key of plainKeys(kind, value)) {
        addPlain(plain, key, ref);
        kinds[key[0] === 'p' ? 'phone' : key[0] === 't' ? 'token' : 'email'] = true;
      }
      toNormalForms(kind, value)
        .slice(0, MAX_FORMS)
        .forEach((form, f) => {
          for (let a = 0; a < algorithms; a++) digests.add(digestOf(form.value, a, hmacKey), toDigestEntry(ref, f, a));
        });
    });
  });
  return { subjects, plain, digests, ...(hmacKey ? { hmacKey } : {}), kinds };
}
