/**
 * The form of a value found in a field named for a PII kind (`email_sha256`, `phone_enc`) when no
 * detector matched it as plaintext. Returns undefined for empty and placeholder values, and for
 * values that say nothing about their form: those are not findings.
 */
import type { Form } from '../types.js';
import { bytesInRange, EVERY_BYTE, ONES } from './byte-words.js';
import { isHighEntropy } from './entropy.js';

export interface StoredForm {
  form: Form;
  reason: string;
}

const PLACEHOLDER = /^(?:|n\/?a|null|nil|none|unknown|redacted|\[redacted\]|-+|0+)$/i;
const DIGEST_REASONS: Record<number, string> = { 32: 'md5', 40: 'sha1', 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' };
for (const length of Object.keys(DIGEST_REASONS)) DIGEST_REASONS[Number(length)] += ' hex digest';

/** In order: unambiguous shapes (digests, hash strings, envelopes) before mask runs, which random base64 can contain. */
const RULES: Array<{ test: (v: string) => boolean; form: Form; reason: (v: string) => string }> = [
  { test: (v) => v.length in DIGEST_REASONS && /^[0-9a-f]+$/i.test(v), form: 'hashed', reason: (v) => DIGEST_REASONS[v.length]! },
  { test: (v) => /^\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|[56])\$/.test(v), form: 'hashed', reason: () => 'password-hash string (bcrypt, argon2, scrypt, crypt)' },
  { test: (v) => /^(?:md5|sha1|sha256|sha512|hmac-sha256):[0-9a-f]{32,}$/i.test(v), form: 'hashed', reason: () => 'prefixed hex digest' },
  { test: (v) => /^(?:vault:v\d+:|enc:|ENC\(|\$enc\$|AQICAH|gAAAAA)/.test(v), form: 'encrypted', reason: () => 'ciphertext envelope prefix (Vault, KMS, Fernet, ENC())' },
  { test: (v) => /[*•]{2,}|[xX]{3,}/.test(v) && /[\p{L}\p{N}]/u.test(v.replace(/x/gi, '')), form: 'masked', reason: () => 'mask characters' },
  { test: (v) => /^(?:tok|tkn|token|pii|vt)_[A-Za-z0-9]{6,}$/.test(v), form: 'tokenized', reason: () => 'token reference' },
  { test: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v), form: 'tokenized', reason: () => 'UUID reference' },
  { test: (v) => v.length >= 24 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && isHighEntropy(v), form: 'encrypted', reason: () => 'high-entropy base64 or hex' },
];

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
for (const [length, reason] of Object.entries(DIGEST_REASONS)) DIGEST_FORMS[Number(length)] = Object.freeze({ form: 'hashed', reason });

/**
 * The stored form of every value of a batch (one value a line, as UTF-8) when all are hex digests
 * of one length, as in a hashed column: one pass over the bytes instead of a test a value.
 * Undefined when they are not (each value is then classified alone). The verdict is one object
 * made beforehand: built after the long loop, whose optimized code V8 enters mid-loop, it sent
 * that code back to the interpreter once a batch.
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
      if ((word & 0x80808080) !== 0 || (bytesInRange(word, 0x30, 0x39) | bytesInRange(word, 0x61, 0x66) | bytesInRange(word, 0x41, 0x46)) !== EVERY) return undefined;
      notZeros |= word ^ ZEROS;
    }
    if (notZeros === 0) return undefined;
  }
  return digest;
}
