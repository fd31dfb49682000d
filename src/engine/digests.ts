/**
 * Unsalted digests, for recognising pseudonyms a join re-identifies: a hashed value parsed into
 * its digest, and the digests of a plaintext value in the normalised forms analytics and ad
 * platforms hash (the trimmed lower-case email, the E.164 phone). Digests are kept as their first
 * 16 hex digits: enough to tell values apart in one scan, and a quarter of the memory. Nothing
 * here leaves the engine's process.
 */
import { createHash } from 'node:crypto';

export const DIGEST_ALGORITHMS = ['md5', 'sha1', 'sha256', 'sha512'] as const;

export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];

/** The algorithm a digest's length says, in bytes. */
const BY_BYTES: Record<number, DigestAlgorithm> = { 16: 'md5', 20: 'sha1', 32: 'sha256', 64: 'sha512' };

/** Hex digits kept of a digest. */
const KEPT = 16;

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
    const algorithm = BY_BYTES[v.length / 2];
    return algorithm && { key: v.slice(0, KEPT).toLowerCase(), algorithm, encoding: 'hex' };
  }
  if (!BASE64.test(v)) return undefined;
  const bytes = Buffer.from(v, v.includes('-') || v.includes('_') ? 'base64url' : 'base64');
  const algorithm = BY_BYTES[bytes.length];
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
      keys.push([createHash(algorithm).update(input).digest('hex').slice(0, KEPT), algorithm]);
  return keys;
}
