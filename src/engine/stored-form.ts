/**
 * The form of a value found in a field named for a PII kind (`email_sha256`, `phone_enc`) when no
 * detector matched it as plaintext. Returns undefined for empty and placeholder values, and for
 * values that say nothing about their form: those are not findings.
 */
import type { Form } from '../types.js';
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

/** Bytes of hex digits: 1 for `0`, 2 for the others (a line of zeros is a placeholder, not a digest). */
const HEX_BYTES = new Uint8Array(256);
for (const c of '123456789abcdefABCDEF') HEX_BYTES[c.charCodeAt(0)] = 2;
HEX_BYTES['0'.charCodeAt(0)] = 1;

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
  for (let start = 0; start < data.length; start += length + 1) {
    if (start + length < data.length && data[start + length] !== 0x0a) return undefined;
    let digits = 0;
    for (let i = start; i < start + length; i++) {
      const kind = HEX_BYTES[data[i]!]!;
      if (kind === 0) return undefined;
      digits |= kind;
    }
    if (digits === 1) return undefined;
  }
  return digest;
}
