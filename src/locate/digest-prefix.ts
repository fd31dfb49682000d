/**
 * The first bytes of a digest written in hex or base64 at `data[start..end]`, decoded in place
 * into a caller's array: the digest table is looked up by them, and most runs of a digest's length
 * are no subject's (trace ids, commit hashes), so the whole digest is decoded only on a hit.
 * Decodes as Buffer.from(text, 'hex' | 'base64') does for runs that candidates.ts passes (hex
 * digits; base64 or base64url letters, then padding).
 */
import { DIGEST_BY_BYTES } from '../engine/digests.js';

const EQUALS = 0x3d;
const BASE64_VALUES = new Int8Array(256).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  .split('')
  .forEach((c, i) => (BASE64_VALUES[c.charCodeAt(0)] = i));
BASE64_VALUES[0x2d] = 62; // '-' of base64url
BASE64_VALUES[0x5f] = 63; // '_' of base64url
const HEX_VALUES = new Int8Array(256).fill(-1);
'0123456789abcdef'.split('').forEach((c, i) => {
  HEX_VALUES[c.charCodeAt(0)] = i;
  HEX_VALUES[c.toUpperCase().charCodeAt(0)] = i;
});

/** Prefix bytes the digest table is keyed by. */
export const PREFIX_BYTES = 4;

/** Whether a base64 run decodes to as many bytes as some digest has (padding ends the data). */
export function isBase64Digest(data: Uint8Array, start: number, end: number): boolean {
  let letters = start;
  while (letters < end && data[letters] !== EQUALS) letters++;
  return DIGEST_BY_BYTES[Math.floor(((letters - start) * 3) / 4)] !== undefined;
}

/** Writes the first PREFIX_BYTES of the digest at `start` into `out`. */
export function decodePrefix(data: Uint8Array, start: number, encoding: 'hex' | 'base64', out: Uint8Array): void {
  if (encoding === 'hex') {
    for (let i = 0; i < PREFIX_BYTES; i++)
      out[i] = (HEX_VALUES[data[start + 2 * i]!]! << 4) | HEX_VALUES[data[start + 2 * i + 1]!]!;
    return;
  }
  // Four letters make three bytes: eight letters, six bytes, of which the first PREFIX_BYTES are kept.
  for (let q = 0; q < 2; q++) {
    let bits = 0;
    for (let j = 0; j < 4; j++) bits = (bits << 6) | BASE64_VALUES[data[start + 4 * q + j]!]!;
    for (let b = 0; b < 3 && 3 * q + b < PREFIX_BYTES; b++) out[3 * q + b] = (bits >>> (16 - 8 * b)) & 0xff;
  }
}
