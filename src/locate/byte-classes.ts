/** Byte classes the locate matcher walks text by (ASCII; every other byte is in none). */
export const HEX = 1;
export const B64 = 2;
export const ALNUM = 4;
export const DIGIT = 8;
/** Bytes of an email's local part or domain as text holds them (escapes included). */
export const MAIL = 16;
/** Separators inside a phone number or an identifier (`+44 (0)7700-900.123`). */
export const SEPARATOR = 32;

export const CLASSES = new Uint8Array(256);
for (let b = 0; b < 128; b++) {
  const c = String.fromCharCode(b);
  let k = 0;
  if (/[0-9a-fA-F]/.test(c)) k |= HEX;
  if (/[A-Za-z0-9+/_-]/.test(c)) k |= B64;
  if (/[A-Za-z0-9]/.test(c)) k |= ALNUM;
  if (/[0-9]/.test(c)) k |= DIGIT;
  if (/[A-Za-z0-9._%+\-\\]/.test(c)) k |= MAIL;
  if (/[ \-.()/]/.test(c)) k |= SEPARATOR;
  CLASSES[b] = k;
}
