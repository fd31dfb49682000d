/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** The narrowest character class a token belongs to; entropy thresholds differ per class. */
export type CharClass = 'hex' | 'base64' | 'other';

export function toCharClass(text: string): CharClass {
  if (/^[0-9a-fA-F]+$/.test(text)) return 'hex';
  if (/^[A-Za-z0-9+/_=-]+$/.test(text)) return 'base64';
  return 'other';
}

/**
 * Minimum entropy for a token to look random, per class (detect-secrets uses 3.0 for hex and 4.5
 * for base64 on long strings; short strings cannot reach 4.5, so the base64 bar scales with length).
 */
export function isHighEntropy(text: string): boolean {
  const cls = toCharClass(text);
  const entropy = shannonEntropy(text);
  if (cls === 'hex') return entropy >= 3.0;
  const ceiling = Math.log2(Math.min(text.length, 64));
  return entropy >= Math.min(4.2, ceiling * 0.8);
}
