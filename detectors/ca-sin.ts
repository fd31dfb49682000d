/**
 * Canadian Social Insurance Numbers: nine digits, written 3-3-3. Nine digits are also US SSNs,
 * Dutch BSNs, Australian TFNs and order numbers, so a SIN is only reported next to a SIN word or
 * under a field named for it, and only when it passes Luhn.
 */
import type { Detector } from '../src/engine/detector.js';
import { checksumVerdict, fromQueryString, ruleOutNumber } from '../src/engine/number-checks.js';
import { isLuhnValid } from './credit-card.js';

export const caSin: Detector = {
  id: 'ca_sin',
  description: 'Canadian Social Insurance Numbers next to a SIN word or field; Luhn and province digit checked',
  category: 'government_id',
  sensitivity: 'sensitive',
  identifier: 'direct',
  patterns: [
    { name: 'ca_sin.number', regex: String.raw`\b\d{3}[ +-]?\d{3}[ +-]?\d{3}\b`, score: 0.5, context: 'required' },
    {
      name: 'ca_sin.masked',
      regex: String.raw`(?:\*{3}|[xX]{3})[ -]?(?:\*{3}|[xX]{3})[ -]?\d{3}\b`,
      score: 0.6,
      form: 'masked',
      context: 'required',
    },
  ],
  contextWords: ['sin', 'social insurance', 'assurance sociale'],
  // Spaced words match `social_insurance_sha256` in a line's first stage, which reads keys as written.
  fieldNames: ['sin', 'socialinsurance', 'socialinsurancenumber', 'sinnumber', 'social insurance'],
  normalize: fromQueryString,
  validate(value, context) {
    if (!/^\d{3}([ -]?)\d{3}\1\d{3}$/.test(value))
      return { status: 'invalid', reason: 'digits grouped as no SIN is written' };
    const digits = value.replace(/\D/g, '');
    const ruledOut = ruleOutNumber(digits, context);
    if (ruledOut) return ruledOut;
    // 0 is kept for fictitious numbers in examples and forms, 8 is not assigned to any region.
    if (digits[0] === '0' || digits[0] === '8')
      return { status: 'invalid', reason: `first digit ${digits[0]} is never issued` };
    return checksumVerdict(isLuhnValid(digits), 'luhn', 'Luhn');
  },
  mask: (value) => `***-***-${value.replace(/\D/g, '').slice(-3)}`,
  examples: {
    positive: [
      { text: '<input type="text" name="sin_number" id="sin_number" value="130 692 544">', value: '130 692 544' },
      { text: 'applicant SIN 130 692 544 verified', value: '130 692 544' },
      { text: 'social insurance number: 123-456-782', value: '123-456-782' },
      { text: '{"sin":"130692544"}', value: '130692544' },
      { text: '123456782', hint: 'social_insurance_number', value: '123456782' },
      { text: 'GET /hr/apply?name=x&sin=130+692+544 HTTP/1.1', value: '130 692 544' },
      { text: 'payroll sin ***-***-544 on file', value: '***-***-544', form: 'masked' },
    ],
    negative: [
      { text: 'sin 130 692 545', reason: 'fails Luhn' },
      { text: 'sin 046 454 286', reason: 'first digit 0 marks a fictitious number' },
      { text: 'order 130692544 shipped', reason: 'nine digits without a SIN context' },
      { text: 'sin 130 692 544 01', reason: 'part of a longer number' },
      { text: 'sin 130 692544', reason: 'digits grouped as no SIN is written' },
      { text: 'sin lookup ref=130692544', reason: 'the value of a ref key' },
    ],
  },
};
