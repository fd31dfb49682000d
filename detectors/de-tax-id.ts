/**
 * German tax identification numbers (steuerliche Identifikationsnummer): eleven digits, never
 * starting 0, whose first ten repeat exactly one digit (twice, or three times but not three in a
 * row) and whose last is an ISO 7064 MOD 11,10 check digit. Eleven digits are also phone numbers
 * and CPFs, so only next to a Steuer-ID word or under a field named for it.
 */
import type { Detector } from '../src/engine/detector.js';
import { maskDigits } from '../src/engine/mask.js';
import { fromQueryString } from '../src/engine/number-checks.js';
import { isInDigitGroups, isInsideToken, isUnderIdKey } from '../src/engine/token-bounds.js';

/** ISO 7064 MOD 11,10 (pure system, hybrid): the check digit of the first ten. */
function isMod1110Valid(digits: string): boolean {
  let product = 10;
  for (let i = 0; i < 10; i++) {
    const sum = (Number(digits[i]) + product) % 10 || 10;
    product = (sum * 2) % 11;
  }
  return (11 - product) % 10 === Number(digits[10]);
}

/** The Bundeszentralamt's rule for the first ten digits: one digit twice, or thrice but not in a row. */
function hasIssuedRepetition(digits: string): boolean {
  const counts = new Map<string, number>();
  for (const d of digits.slice(0, 10)) counts.set(d, (counts.get(d) ?? 0) + 1);
  const repeated = [...counts.values()].filter((n) => n > 1);
  if (repeated.length !== 1 || repeated[0]! > 3) return false;
  return !/(\d)\1\1/.test(digits.slice(0, 10));
}

/** `Steuer-ID:` and `steuerId=` end in `id` as id keys do, yet name this kind. */
const STEUER_ID_KEY = /steuer[\s_.-]?id["']?\s*[:=]\s*["']?$/;

export const deTaxId: Detector = {
  id: 'de_tax_id',
  description:
    'German tax ids (Steuer-IdNr) next to a Steuer-ID word or field; digit repetition rule and ISO 7064 MOD 11,10 checked',
  category: 'government_id',
  sensitivity: 'sensitive',
  identifier: 'direct',
  patterns: [
    {
      name: 'de_tax_id.number',
      regex: String.raw`\b[1-9]\d{10}\b|\b[1-9]\d[ +]\d{3}[ +]\d{3}[ +]\d{3}\b`,
      score: 0.5,
      context: 'required',
    },
  ],
  // `IdNr` and `Steuer-IdNr` split on their capitals into `id nr`.
  contextWords: [
    'steuer id',
    'steueridentifikationsnummer',
    'identifikationsnummer',
    'idnr',
    'steuer idnr',
    'id nr',
    'steuer id nr',
    // English keys with the country (`tax_id_de`, `de_tax_id`): a bare `tax id` names no country.
    'tax id de',
    'de tax id',
  ],
  // Spaced words match `steuer_id_sha256` in a line's first stage, which reads keys as written.
  fieldNames: [
    'steuerid',
    'steueridnr',
    'idnr',
    'steueridentifikationsnummer',
    'identifikationsnummer',
    'steuer id',
    'taxidde',
    'detaxid',
  ],
  normalize: fromQueryString,
  validate(value, context) {
    if (isInsideToken(context) || isInDigitGroups(context))
      return { status: 'invalid', reason: 'part of a larger token' };
    if (isUnderIdKey(context) && !STEUER_ID_KEY.test(context.before))
      return { status: 'invalid', reason: 'the value of an id or count key' };
    const digits = value.replace(/\D/g, '');
    if (!hasIssuedRepetition(digits))
      return { status: 'invalid', reason: 'first ten digits break the repetition rule' };
    return isMod1110Valid(digits)
      ? { status: 'valid', check: 'iso7064-mod11-10' }
      : { status: 'invalid', reason: 'fails ISO 7064 MOD 11,10' };
  },
  mask: (value) => maskDigits(value, 3),
  examples: {
    positive: [
      { text: 'payroll tax_id_de="86 095 742 719" sent', value: '86 095 742 719' },
      { text: '{"employee":{"de_tax_id":"86095742719"}}', value: '86095742719' },
      { text: 'Steuer-ID: 86095742719', value: '86095742719' },
      { text: 'steueridentifikationsnummer 65 929 970 489 erfasst', value: '65 929 970 489' },
      { text: '{"steuerId":"57549285017"}', value: '57549285017' },
      { text: '86095742719', hint: 'steuer_idnr', value: '86095742719' },
      { text: 'GET /lohn?steuer_id=65+929+970+489 HTTP/1.1', value: '65 929 970 489' },
      { text: 'Lohnabrechnung Steuer-IdNr. 86 095 742 719 übermittelt', value: '86 095 742 719' },
      { text: 'IdNr 57549285017 gespeichert', value: '57549285017' },
    ],
    negative: [
      { text: 'payroll tax_id_de=86095742718', reason: 'fails ISO 7064 MOD 11,10' },
      { text: 'vendor tax_id=86095742719', reason: 'a tax id of no named country' },
      { text: 'Steuer-ID: 86095742718', reason: 'fails ISO 7064 MOD 11,10' },
      { text: 'idnr 12345678903', reason: 'first ten digits break the repetition rule: no digit repeats' },
      { text: 'idnr 11145678908', reason: 'first ten digits break the repetition rule: three in a row' },
      { text: 'bestellung 86095742719 versandt', reason: 'eleven digits without a Steuer-ID context' },
      { text: 'idnr 06095742719', reason: 'tax ids never start with 0' },
    ],
  },
};
