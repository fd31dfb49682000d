import type { Detector } from '../src/engine/detector.js';
import { isInsideToken } from '../src/engine/token-bounds.js';

/** IBAN length per country (SWIFT IBAN registry). */
const LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

/** ISO 7064 mod 97-10 over the rearranged IBAN, computed piecewise to stay in safe integers. */
export function isMod97Valid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const chunk = code >= 65 ? String(code - 55) : ch;
    for (const digit of chunk) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

export const iban: Detector = {
  id: 'iban',
  description: 'International bank account numbers, with spaces or dashes; country length and mod-97 checked',
  category: 'financial',
  sensitivity: 'sensitive',
  identifier: 'indirect',
  patterns: [
    { name: 'iban.number', regex: String.raw`\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,30}\b`, score: 0.4 },
    // A country code, then a run of mask characters among the rest: longer than a masked card inside it.
    {
      name: 'iban.masked',
      regex: String.raw`\b[A-Z]{2}(?:\d{2}|\*{2})(?:[ -]?[A-Z0-9]){0,8}[ -]?\*{2,}(?:[ -]?(?:\*|[A-Z0-9])){2,28}\b`,
      score: 0.7,
      form: 'masked',
    },
  ],
  contextWords: ['iban', 'account', 'bank', 'sepa', 'payout', 'transfer'],
  fieldNames: ['iban', 'bankaccount', 'accountnumber'],
  /** Cuts what the pattern took beyond the country's length (`... 00 EUR` → the IBAN). */
  normalize(raw) {
    const compact = raw.replace(/[ -]/g, '');
    const length = LENGTHS[compact.slice(0, 2)];
    return length === undefined ? compact : compact.slice(0, length);
  },
  validate(value, context) {
    if (isInsideToken(context)) return { status: 'invalid', reason: 'part of a larger token' };
    const length = LENGTHS[value.slice(0, 2)];
    if (length === undefined) return { status: 'invalid', reason: 'unknown IBAN country' };
    if (value.length !== length)
      return { status: 'invalid', reason: `a ${value.slice(0, 2)} IBAN has ${length} characters` };
    return isMod97Valid(value) ? { status: 'valid', check: 'mod97' } : { status: 'invalid', reason: 'fails mod-97' };
  },
  mask: (value) => `${value.slice(0, 2)}**${'*'.repeat(Math.max(value.length - 8, 0))}${value.slice(-4)}`,
  examples: {
    positive: [
      { text: 'payout to GB82 WEST 1234 5698 7654 32 scheduled', value: 'GB82WEST12345698765432' },
      { text: 'iban=DE89370400440532013000', value: 'DE89370400440532013000' },
      { text: 'sepa FR14-2004-1010-0505-0001-3M02-606 ok', value: 'FR1420041010050500013M02606' },
      { text: 'DE89 3704 0044 0532 0130 00 EUR', value: 'DE89370400440532013000' },
      { text: 'payout to GB82 **** **** **** 7654 32', value: 'GB82************765432', form: 'masked' },
    ],
    negative: [
      { text: 'iban GB82 WEST 1234 5698 7654 33', reason: 'fails mod-97' },
      { text: 'ref DE89370400440532013', reason: 'too short for a German IBAN' },
      { text: 'sku ZZ12ABCDEFGHIJKLMNOP', reason: 'unknown IBAN country' },
      { text: 'file export.GB82WEST12345698765432.csv', reason: 'part of a file name' },
    ],
  },
};
