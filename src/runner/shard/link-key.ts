/**
 * The key every shard of a sharded scan shares (`--link-key-env`), so that link samples may leave a
 * shard's process: each digest key is replaced by its HMAC-SHA256 under the key, against which a
 * reader of the part without the key can run no dictionary of values. A part records a check of
 * the key (its HMAC of a fixed label), never the key, so a merge can refuse parts of another key.
 */
import { createHmac } from 'node:crypto';

/** Shortest key accepted: the key check is an HMAC of a known label, so a short key could be guessed. */
export const MIN_LINK_KEY_LENGTH = 16;
const CHECK_LABEL = 'piiscan link key check';
/** Bytes kept of a sealed key: as many as the digest key it stands for holds, so none are lost. */
const SEALED_BYTES = 8;

export interface LinkKey {
  /** A digest key as parts carry it: its HMAC under the key, base64url. */
  seal: (digestKey: string) => string;
  /** What tells parts of one key apart from others': 16 hex digits. */
  check: string;
}

/**
 * Sealed keys as a part holds them: one string, separated by spaces (base64url has none), so that
 * an indented part spends a byte a key on layout rather than a line.
 */
export function joinSealed(keys: readonly string[]): string {
  return keys.join(' ');
}

export function splitSealed(text: string): string[] {
  return text === '' ? [] : text.split(' ');
}

export function toLinkKey(secret: string): LinkKey {
  const hmac = (text: string) => createHmac('sha256', secret).update(text).digest();
  return {
    seal: (digestKey) => hmac(digestKey).toString('base64url', 0, SEALED_BYTES),
    check: hmac(CHECK_LABEL).toString('hex', 0, 8),
  };
}
