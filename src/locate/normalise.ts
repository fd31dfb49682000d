/**
 * The normalised forms of an identifier, as systems store them: an email trimmed and lower-cased
 * (and, for providers that ignore them, without dots and `+tags`), a phone number in E.164 and in
 * its national form, another identifier without separators in upper case. Hashes are taken of these.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { parsePhoneNumberFromString } from '../../detectors/phone.js';

/** A normalised value and what it is (`email`, `email (canonical)`, `phone (E.164)`). */
export interface NormalForm {
  value: string;
  /** How reports name the value hashed (`email`, `phone (national)`). */
  label: string;
}

/** Providers whose mailboxes ignore dots in the local part (and take `+tags`). */
const DOTLESS = new Set(['gmail.com', 'googlemail.com']);
/** Providers that deliver `local+tag@` to `local@`. */
const TAGGED = new Set([
  ...DOTLESS,
  'outlook.com',
  'hotmail.com',
  'live.com',
  'icloud.com',
  'me.com',
  'protonmail.com',
  'proton.me',
  'fastmail.com',
]);

/** An email as its provider delivers it: the canonical mailbox, or undefined when that is the email itself. */
export function canonicalEmail(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at <= 0) return undefined;
  let local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (TAGGED.has(domain) && local.includes('+')) local = local.slice(0, local.indexOf('+'));
  if (DOTLESS.has(domain)) local = local.replaceAll('.', '');
  const canonical = `${local}@${domain === 'googlemail.com' ? 'gmail.com' : domain}`;
  return canonical === email ? undefined : canonical;
}

/** Whether an email's provider delivers other spellings to it (dots, `+tags`), so that it has a canonical mailbox. */
export function hasCanonicalMailbox(email: string): boolean {
  return TAGGED.has(email.slice(email.lastIndexOf('@') + 1));
}

/** An email trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A phone number's digits in E.164 (country code first, no `+`) and nationally (with trunk prefix). */
export interface PhoneDigits {
  e164: string;
  national: string;
}

/** Phone numbers without a country code are read as this country's. */
const DEFAULT_COUNTRY: CountryCode = 'US';

export function toPhoneDigits(phone: string): PhoneDigits | undefined {
  const parsed = parsePhoneNumberFromString(phone.trim(), DEFAULT_COUNTRY);
  if (parsed === undefined) return undefined;
  const national = parsed.formatNational().replace(/\D/g, '');
  return { e164: parsed.number.slice(1), national };
}

/** Any other identifier: letters and digits only, upper-cased (`123-45-6789` → `123456789`). */
export function normaliseToken(value: string): string {
  return value.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
}

/** The values hashes of an identifier are taken of, the first being the main one. */
export function toNormalForms(kind: string, value: string): NormalForm[] {
  if (kind === 'email') {
    const email = normaliseEmail(value);
    const canonical = canonicalEmail(email);
    return [{ value: email, label: 'email' }, ...(canonical ? [{ value: canonical, label: 'email (canonical)' }] : [])];
  }
  if (kind === 'phone') {
    const digits = toPhoneDigits(value);
    if (digits === undefined) return [{ value: normaliseToken(value), label: 'phone (digits)' }];
    return [
      { value: `+${digits.e164}`, label: 'phone (E.164)' },
      { value: digits.e164, label: 'phone (E.164 digits)' },
      { value: digits.national, label: 'phone (national digits)' },
    ];
  }
  const token = normaliseToken(value);
  const written = value.trim();
  return [
    { value: token, label: kind },
    ...(written !== token ? [{ value: written, label: `${kind} (as written)` }] : []),
    ...(written.toLowerCase() !== written && written.toLowerCase() !== token
      ? [{ value: written.toLowerCase(), label: `${kind} (lower case)` }]
      : []),
  ];
}
