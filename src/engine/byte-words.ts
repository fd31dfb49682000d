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

/** Whether the word holds a byte below the one repeated in `repeated` (`byte * ONES`, the byte at most 0x80): one test for a range of bytes. */
export function hasByteBelow(word: number, repeated: number): boolean {
  return ((word - repeated) & ~word & 0x80808080) !== 0;
}
