/**
 * Unsalted (and keyed) digests, the one place piiscan computes and recognises them: `scan` to find
 * pseudonyms a join re-identifies, `locate` to find a subject's hashed identifiers. A hashed value
 * parsed into its digest; the digests of a plaintext value in the normalised forms analytics and
 * ad platforms hash (the trimmed lower-case email, the E.164 phone). Linkable-pseudonym samples
 * keep digests as their first 16 hex digits: enough to tell values apart in one scan, and a quarter
 * of the memory. Nothing here leaves the engine's process.
 */
import { createHmac, hash } from 'node:crypto';

export const DIGEST_ALGORITHMS = ['md5', 'sha1', 'sha256', 'sha512'] as const;

export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];

/** The keyed digest `locate --hash-key-env` looks for. */
export const HMAC_ALGORITHM = 'hmac-sha256';

/** The algorithm a digest's length says, in bytes (an hmac-sha256 is as long as a sha256). */
export const DIGEST_BY_BYTES: Readonly<Record<number, DigestAlgorithm>> = {
  16: 'md5',
  20: 'sha1',
  32: 'sha256',
  64: 'sha512',
};
const BYTE_LENGTHS = Object.keys(DIGEST_BY_BYTES).map(Number);

/** Hex lengths of md5, sha1, sha256 and sha512 digests. */
export const HEX_LENGTHS: ReadonlySet<number> = new Set(BYTE_LENGTHS.map((n) => n * 2));
/** Base64 lengths of the same digests, unpadded and padded. */
export const BASE64_LENGTHS: ReadonlySet<number> = new Set(
  BYTE_LENGTHS.flatMap((n) => [Math.ceil((n * 4) / 3), Math.ceil(n / 3) * 4]),
);

/** Hex digits kept of a digest in linkable-pseudonym samples. */
const KEPT = 16;

/** The digest of a value: by an unkeyed algorithm, or HMAC-SHA256 with `key`. */
export function digestOf(value: string, algorithm: DigestAlgorithm | typeof HMAC_ALGORITHM, key?: Buffer): Buffer {
  return Buffer.from(digestTextOf(value, algorithm, key), 'latin1');
}

/**
 * The digest as a string of one character a byte: what building an index of millions of digests
 * uses, a short string being far less garbage than a Buffer.
 */
export function digestTextOf(value: string, algorithm: DigestAlgorithm | typeof HMAC_ALGORITHM, key?: Buffer): string {
  // The one-shot hash() makes no Hash object.
  if (algorithm !== HMAC_ALGORITHM) return hash(algorithm, value, 'binary');
  if (key === undefined) throw new Error('an HMAC digest needs a key');
  return createHmac('sha256', key).update(value).digest('binary');
}

/** A stored digest: the kept hex digits and how it was written. */
export interface ParsedDigest {
  key: string;
  algorithm: DigestAlgorithm;
  encoding: 'hex' | 'base64';
}

const PREFIX = /^(?:md5|sha1|sha256|sha512):/i;
const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** The digest a hashed value holds (hex or base64, with or without an `sha256:` prefix), if any. */
export function parseDigest(value: string): ParsedDigest | undefined {
  const v = value.trim().replace(PREFIX, '');
  if (HEX.test(v) && v.length % 2 === 0) {
    const algorithm = DIGEST_BY_BYTES[v.length / 2];
    return algorithm && { key: v.slice(0, KEPT).toLowerCase(), algorithm, encoding: 'hex' };
  }
  if (!BASE64.test(v)) return undefined;
  const bytes = Buffer.from(v, v.includes('-') || v.includes('_') ? 'base64url' : 'base64');
  const algorithm = DIGEST_BY_BYTES[bytes.length];
  return algorithm && { key: bytes.toString('hex', 0, KEPT / 2), algorithm, encoding: 'base64' };
}

/** The forms a value of a detector's kind is hashed in: as written, trimmed, lower-cased; phones in E.164. */
export function toHashInputs(value: string, detector: string): string[] {
  const trimmed = value.trim();
  const inputs = new Set([trimmed, trimmed.toLowerCase()]);
  if (detector === 'phone' || detector === 'us_ssn') inputs.add(trimmed.replace(/\D/g, ''));
  // E.164 is the international number's digits after a `+`; a national number would need its country.
  if (detector === 'phone' && trimmed.startsWith('+')) inputs.add(`+${trimmed.replace(/\D/g, '')}`);
  return [...inputs].filter((input) => input.length > 0);
}

/** Each unsalted digest of a plaintext value's hash inputs, as kept keys with their algorithm. */
export function toDigestKeys(value: string, detector: string): Array<[key: string, algorithm: DigestAlgorithm]> {
  const keys: Array<[string, DigestAlgorithm]> = [];
  for (const input of toHashInputs(value, detector))
    for (const algorithm of DIGEST_ALGORITHMS)
      keys.push([digestOf(input, algorithm).toString('hex', 0, KEPT / 2), algorithm]);
  return keys;
}
