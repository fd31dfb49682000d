/**
 * Passport numbers. Their formats differ by country (nine digits in the US and UK, a letter and
 * seven digits in India, two digits, two letters and five digits in France, nine characters of a
 * reduced alphabet in Germany) and carry no check digit outside the MRZ, so a passport number is
 * only reported next to a passport word or under a field named for it.
 */
import type { Detector } from '../src/engine/detector.js';
import { isInsideToken, isUnderIdKey } from '../src/engine/token-bounds.js';

/** The nine characters of a German passport number: digits and consonants without B, D, Q and S. */
const GERMAN_ALPHABET = /^[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}$/;

export const passport: Detector = {
  id: 'passport',
  description: 'Passport numbers (US, UK, DE, FR, IN, CA and alike) next to a passport word or field',
  category: 'government_id',
  sensitivity: 'sensitive',
  identifier: 'direct',
  patterns: [
    {
      name: 'passport.number',
      regex: String.raw`\b(?:[A-Z]{1,2}\d{6,8}|\d{8,9}|\d{2}[A-Z]{2}\d{5}|[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8})\b`,
      score: 0.6,
      context: 'required',
    },
    {
      name: 'passport.masked',
      regex: String.raw`(?:\*{5,7}|[xX]{5,7})\d{3,4}\b`,
      score: 0.6,
      form: 'masked',
      context: 'required',
    },
  ],
  contextWords: ['passport', 'passport no', 'passport number', 'reisepass', 'passeport', 'pasaporte', 'passaporte'],
  fieldNames: ['passport', 'passportno', 'passportnumber', 'passportnum', 'passportid'],
  validate(value, context) {
    if (isInsideToken(context)) return { status: 'invalid', reason: 'part of a larger token' };
    if (isUnderIdKey(context)) return { status: 'invalid', reason: 'the value of an id or count key' };
    const digits = value.replace(/\D/g, '');
    // Germany's alphabet has no vowels, so no word is spelled in it: one digit is enough there.
    const fewest = GERMAN_ALPHABET.test(value) ? 1 : 4;
    if (digits.length < fewest) return { status: 'invalid', reason: 'too few digits: a word, not a number' };
    if (digits.length >= 4 && /^(\d)\1+$/.test(digits))
      return { status: 'invalid', reason: 'one digit repeated: a placeholder' };
    if (digits.length >= 4 && ('0123456789'.includes(digits) || '9876543210'.includes(digits)))
      return { status: 'invalid', reason: 'a run of consecutive digits: a placeholder' };
    return { status: 'none' };
  },
  mask: (value) => `${'*'.repeat(Math.max(value.length - 3, 1))}${value.slice(-3)}`,
  examples: {
    positive: [
      { text: 'traveller passport 340020013 checked in', value: '340020013' },
      { text: 'Passport No: L898902C3', value: 'L898902C3' },
      { text: '{"passportNumber":"C01X00T47"}', value: 'C01X00T47' },
      { text: 'numéro de passeport 15AB12345', value: '15AB12345' },
      { text: 'J8369854', hint: 'passport_no', value: 'J8369854' },
      { text: 'passport ******013 on file', value: '******013', form: 'masked' },
      { text: 'Reisepass Nr. LNKL5VRFF geprüft', value: 'LNKL5VRFF' },
      { text: 'GF77PZPPV', hint: 'passport_number', value: 'GF77PZPPV' },
      { text: '<input name="passport_no" value="BZ314692">', value: 'BZ314692' },
      { text: "kyc passport_id='K47120385' verified", value: 'K47120385' },
      { text: '{"traveller":{"passportId":"504112839"}}', value: '504112839' },
    ],
    negative: [
      { text: 'order 340020013 shipped', reason: 'nine digits without a passport context' },
      { text: 'passport 123456789', reason: 'a run of consecutive digits: a placeholder' },
      { text: 'passport 000000000', reason: 'one digit repeated: a placeholder' },
      { text: 'passport PENDINGXX', reason: 'a word, not a number' },
      { text: 'passport CHKLMNTRZ', reason: 'no digit: letters of a code, not a number' },
      { text: 'passport upload ref=340020013', reason: 'the value of a ref key' },
      { text: 'passport check_id=340020013 queued', reason: 'the value of an id key that names no passport' },
      { text: 'passport scan_340020013.pdf stored', reason: 'part of a file name' },
    ],
  },
};
