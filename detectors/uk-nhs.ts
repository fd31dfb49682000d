/**
 * NHS numbers (England, Wales, Isle of Man): ten digits, written 3-3-4, the last a mod 11 check
 * digit. 3-3-4 is also how US phone numbers are written, so only next to an NHS word or under a
 * field named for it.
 */
import type { Detector } from '../src/engine/detector.js';
import { maskDigits } from '../src/engine/mask.js';
import { checksumVerdict, fromQueryString, ruleOutNumber } from '../src/engine/number-checks.js';

/** NHS Digital's check: weights 10 down to 2; 11 minus the remainder, 11 read as 0, 10 never issued. */
function isNhsCheckValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (10 - i) * Number(digits[i]);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(digits[9]);
}

export const ukNhs: Detector = {
  id: 'uk_nhs',
  description: 'NHS numbers next to an NHS word or field; mod 11 check digit checked',
  category: 'government_id',
  sensitivity: 'sensitive',
  identifier: 'direct',
  patterns: [
    { name: 'uk_nhs.number', regex: String.raw`\b\d{3}[ +-]?\d{3}[ +-]?\d{4}\b`, score: 0.5, context: 'required' },
    {
      name: 'uk_nhs.masked',
      regex: String.raw`(?:\*{3}|[xX]{3})[ -]?(?:\*{3}|[xX]{3})[ -]?\d{4}\b`,
      score: 0.6,
      form: 'masked',
      context: 'required',
    },
  ],
  contextWords: ['nhs', 'nhs number', 'nhs no'],
  fieldNames: ['nhs', 'nhsnumber', 'nhsno'],
  normalize: fromQueryString,
  validate(value, context) {
    if (!/^\d{3}([ -]?)\d{3}\1\d{4}$/.test(value))
      return { status: 'invalid', reason: 'digits grouped as no NHS number is written' };
    const digits = value.replace(/\D/g, '');
    return (
      ruleOutNumber(digits, context) ?? checksumVerdict(isNhsCheckValid(digits), 'nhs-mod11', 'the mod 11 check digit')
    );
  },
  mask: (value) => maskDigits(value, 4),
  examples: {
    positive: [
      { text: 'patient NHS number 943 476 5919 admitted', value: '943 476 5919' },
      { text: 'nhs_no=4010232137', value: '4010232137' },
      { text: '{"nhsNumber":"943-476-5919"}', value: '943-476-5919' },
      { text: '9434765919', hint: 'nhs_number', value: '9434765919' },
      { text: 'GET /gp/lookup?nhs_number=943+476+5919', value: '943 476 5919' },
      { text: 'patient nhs_number=*** *** 5919 discharged', value: '*** *** 5919', form: 'masked' },
    ],
    negative: [
      { text: 'nhs 943 476 5918', reason: 'fails the mod 11 check digit' },
      { text: 'nhs 943 476 5030', reason: 'check digit 10 is never issued' },
      { text: 'call 943 476 5919 now', reason: 'ten digits without an NHS context: a phone number' },
      { text: 'nhs 943 4765 919', reason: 'digits grouped as no NHS number is written' },
      { text: 'nhs 0000000000', reason: 'one digit repeated: a placeholder' },
    ],
  },
};
