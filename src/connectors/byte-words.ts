/**
 * Finding bytes four at a time: a 32-bit word read from a buffer (DataView.getInt32) is tested for
 * a given byte in one go, which lets byte loops skip the words that hold none of what they look for.
 */

/** A byte repeated in each of a word's four bytes: `byte * ONES`. */
export const ONES = 0x01010101;

/** Whether the word holds the byte repeated in `repeated` (`byte * ONES`): the classic zero-byte test on their XOR. */
export function hasByte(word: number, repeated: number): boolean {
  const x = word ^ repeated;
  return ((x - ONES) & ~x & 0x80808080) !== 0;
}

/**
 * Whether the word holds a byte below the one repeated in `repeated` (`byte * ONES`, the byte at
 * most 0x80): one test for a range of bytes.
 */
export function hasByteBelow(word: number, repeated: number): boolean {
  return ((word - repeated) & ~word & 0x80808080) !== 0;
}

/** Bit 7 of every byte of a word, as the signed 32-bit number bit operations give. */
export const EVERY_BYTE = 0x80808080 | 0;

/**
 * Which of a word's four bytes (ASCII, below 0x80) lie in [lo, hi]: bit 7 of each byte that does
 * (EVERY_BYTE when all do). `word + (0x80 - lo)` sets bit 7 of a byte at lo or above,
 * `word + (0x7f - hi)` of one above hi; no sum carries into the next byte.
 */
export function bytesInRange(word: number, lo: number, hi: number): number {
  return (word + (0x80 - lo) * ONES) & ~(word + (0x7f - hi) * ONES) & 0x80808080;
}
