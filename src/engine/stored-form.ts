/**
 * The form of a value found in a field named for a PII kind (`email_sha256`, `phone_enc`) when no
 * detector matched it as plaintext. Returns undefined for empty and placeholder values, and for
 * values that say nothing about their form: those are not findings.
 */
import type { Form } from './detector.js';
import { bytesInRange, EVERY_BYTE, ONES } from '../connectors/byte-words.js';
import { isHighEntropy } from './entropy.js';
import { toKeyTokens } from './fields.js';

export interface StoredForm {
  form: Form;
  reason: string;
}

const PLACEHOLDER = /^(?:|n\/?a|null|nil|none|unknown|redacted|\[redacted\]|-+|0+)$/i;
const DIGEST_REASONS: Record<number, string> = {
  32: 'md5',
  40: 'sha1',
  56: 'sha224',
  64: 'sha256',
  96: 'sha384',
  128: 'sha512',
};
for (const length of Object.keys(DIGEST_REASONS)) DIGEST_REASONS[Number(length)] += ' hex digest';

/** Base64 wrapped in lines of 64 or 76 characters (PEM, MIME), as some tools encode ciphertext. */
const WRAPPED_BASE64 =
  /^(?:[A-Za-z0-9+/]{64}\s+)+[A-Za-z0-9+/]*={0,2}$|^(?:[A-Za-z0-9+/]{76}\s+)+[A-Za-z0-9+/]*={0,2}$/;

/** Random-looking base64 or hex of some length, on one line or wrapped. */
function isOpaque(v: string): boolean {
  if (v.length < 24) return false;
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) return isHighEntropy(v);
  return WRAPPED_BASE64.test(v) && isHighEntropy(v.replace(/\s+/g, ''));
}

/**
 * In order: unambiguous shapes (digests, hash strings, envelopes, references) first, then random
 * base64 or hex, then mask runs: random base64 can hold a run of x's, a mask holds no randomness.
 */
const RULES: Array<{ test: (v: string) => boolean; form: Form; reason: (v: string) => string }> = [
  {
    test: (v) => v.length in DIGEST_REASONS && /^[0-9a-f]+$/i.test(v),
    form: 'hashed',
    reason: (v) => DIGEST_REASONS[v.length]!,
  },
  {
    test: (v) => /^\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|[56])\$/.test(v),
    form: 'hashed',
    reason: () => 'password-hash string (bcrypt, argon2, scrypt, crypt)',
  },
  {
    test: (v) => /^(?:md5|sha1|sha256|sha512|hmac-sha256):[0-9a-f]{32,}$/i.test(v),
    form: 'hashed',
    reason: () => 'prefixed hex digest',
  },
  {
    test: (v) => /^(?:vault:v\d+:|enc:|ENC\(|\$enc\$|AQICAH|gAAAAA)/.test(v),
    form: 'encrypted',
    reason: () => 'ciphertext envelope prefix (Vault, KMS, Fernet, ENC())',
  },
  {
    test: (v) => /^(?:tok|tkn|token|pii|vt)_[A-Za-z0-9]{6,}$/.test(v),
    form: 'tokenized',
    reason: () => 'token reference',
  },
  {
    test: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
    form: 'tokenized',
    reason: () => 'UUID reference',
  },
  { test: isOpaque, form: 'encrypted', reason: () => 'high-entropy base64 or hex' },
  {
    test: (v) => /[*•]{2,}|[xX]{3,}/.test(v) && /[\p{L}\p{N}]/u.test(v.replace(/x/gi, '')),
    form: 'masked',
    reason: () => 'mask characters',
  },
];

/** Field name words that say how a value is stored, for the forms a value alone can leave in doubt. */
const FORM_WORDS: ReadonlyMap<string, Form> = new Map([
  ...['enc', 'encrypted', 'encrypt', 'cipher', 'ciphertext', 'crypt', 'crypted', 'aes', 'kms', 'sealed'].map(
    (w) => [w, 'encrypted'] as const,
  ),
  ...['hash', 'hashed', 'digest', 'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'hmac', 'bcrypt'].map(
    (w) => [w, 'hashed'] as const,
  ),
]);
const namedForms = new Map<string, Form | undefined>();

/**
 * The form of a hashed or encrypted value as its field's name says it (`phone_enc`: encrypted,
 * `email_hash`: hashed), when the value alone is either: hex ciphertext has a digest's length,
 * and a base64 digest looks like ciphertext. Other forms are kept.
 */
export function toNamedForm(stored: StoredForm, key: string): StoredForm {
  if (stored.form !== 'hashed' && stored.form !== 'encrypted') return stored;
  let named = namedForms.get(key);
  if (named === undefined && !namedForms.has(key)) {
    if (namedForms.size >= 1024) namedForms.clear();
    namedForms.set(
      key,
      (named = toKeyTokens(key)
        .map((t) => FORM_WORDS.get(t))
        .find((f) => f !== undefined)),
    );
  }
  return named === undefined || named === stored.form
    ? stored
    : { form: named, reason: `${stored.reason}, ${named} as the name ${key} says` };
}

export function classifyStoredForm(value: string): StoredForm | undefined {
  const v = value.trim();
  if (PLACEHOLDER.test(v)) return undefined;
  for (const rule of RULES) {
    if (rule.test(v)) return { form: rule.form, reason: rule.reason(v) };
  }
  return undefined;
}

/** Four `0` digits. */
const ZEROS = 0x30 * ONES;
/** (Copied from the import: a module's own constant is cheaper to read in the loop below.) */
const EVERY = EVERY_BYTE;

/** The stored form of a digest column, by the length of its values (made once: see uniformDigest). */
const DIGEST_FORMS: Array<StoredForm | undefined> = [];
for (const [length, reason] of Object.entries(DIGEST_REASONS))
  DIGEST_FORMS[Number(length)] = Object.freeze({ form: 'hashed', reason });

/**
 * The stored form of every value of a batch (one value a line, as UTF-8) when all are hex digests
 * of one length, as in a hashed column: one pass over the bytes instead of a test a value.
 * Undefined when they are not (each value is then classified alone). The verdict is one object
 * made before the loop: code after a hot loop that has not yet run discards the loop's compiled
 * code when it runs.
 */
export function uniformDigest(data: Buffer): StoredForm | undefined {
  const newline = data.indexOf(0x0a);
  const length = newline === -1 ? data.length : newline;
  const digest = DIGEST_FORMS[length];
  if (digest === undefined || (data.length + 1) % (length + 1) !== 0) return undefined;
  // Four bytes at a time (every digest length is a multiple of four): each must be a hex digit,
  // and a value of zeros alone is a placeholder, not a digest.
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  for (let start = 0; start < data.length; start += length + 1) {
    if (start + length < data.length && data[start + length] !== 0x0a) return undefined;
    let notZeros = 0;
    for (let i = start; i < start + length; i += 4) {
      const word = view.getInt32(i);
      if (
        (word & 0x80808080) !== 0 ||
        (bytesInRange(word, 0x30, 0x39) | bytesInRange(word, 0x61, 0x66) | bytesInRange(word, 0x41, 0x46)) !== EVERY
      )
        return undefined;
      notZeros |= word ^ ZEROS;
    }
    if (notZeros === 0) return undefined;
  }
  return digest;
}
