/** Masking helpers for detectors' `mask` functions. Samples never show more than these keep. */

/** Replaces every digit but the last `keep` with `*`, leaving separators as they are. */
export function maskDigits(value: string, keep: number): string {
  let digitsLeft = (value.match(/\d/g) ?? []).length;
  let out = '';
  for (const ch of value) {
    const isDigit = ch >= '0' && ch <= '9';
    out += isDigit && digitsLeft-- > keep ? '*' : ch;
  }
  return out;
}

/** Keeps `prefix` leading and `suffix` trailing characters; the middle becomes at most `maxStars` stars. */
export function maskMiddle(value: string, options: { prefix: number; suffix: number; maxStars?: number }): string {
  const chars = [...value];
  const hidden = Math.max(chars.length - options.prefix - options.suffix, 1);
  const stars = '*'.repeat(Math.min(hidden, options.maxStars ?? hidden));
  const head = chars.slice(0, Math.min(options.prefix, chars.length - 1)).join('');
  const tail =
    options.suffix > 0 && chars.length > options.prefix + options.suffix ? chars.slice(-options.suffix).join('') : '';
  return head + stars + tail;
}

/** Keeps the first letter of each word (`Jane Doe` → `J*** D**`); digits and other words' letters become `*`. */
export function maskWords(value: string): string {
  return value.replace(/[\p{L}\p{N}]+/gu, (word) =>
    /^\p{L}/u.test(word) ? [...word].map((c, i) => (i === 0 ? c : '*')).join('') : '*'.repeat(word.length),
  );
}
