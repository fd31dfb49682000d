/**
 * Australian tax file numbers: nine digits (eight for some older ones) passing the ATO's weighted
 * mod 11 check. Only next to a TFN word or under a field named for it: bare digits are too common.
 */
import type { Detector } from '../src/engine/detector.js';
import { maskDigits } from '../src/engine/mask.js';
import { checksumVerdict, fromQueryString, ruleOutNumber } from '../src/engine/number-checks.js';

/** The ATO's weights for nine and for eight digits. */
const WEIGHTS: Record<number, number[]> = {
  9: [1, 4, 3, 7, 5, 8, 6, 9, 10],
  8: [10, 7, 8, 4, 6, 3, 5, 1],
};

function passesWeightedMod11(digits: string): boolean {
  const weights = WEIGHTS[digits.length];
  if (weights === undefined) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += weights[i]! * Number(digits[i]);
  return sum % 11 === 0;
}

export const auTfn: Detector = {
  id: 'au_tfn',
  description: 'Australian tax file numbers next to a TFN word or field; weighted mod 11 checked',
  category: 'government_id',
  sensitivity: 'sensitive',
  identifier: 'direct',
  patterns: [
    { name: 'au_tfn.number', regex: String.raw`\b\d{3}[ +]?\d{3}[ +]?\d{2,3}\b`, score: 0.5, context: 'required' },
  ],
  contextWords: ['tfn', 'tax file number', 'tax file no'],
  // Spaced words match `tax_file_number_sha256` in a line's first stage, which reads keys as written.
  fieldNames: ['tfn', 'taxfilenumber', 'taxfileno', 'tax file'],
  normalize: fromQueryString,
  validate(value, context) {
    if (!/^\d{3}( ?)\d{3}\1\d{2,3}$/.test(value))
      return { status: 'invalid', reason: 'digits grouped as no TFN is written' };
    const digits = value.replace(/\D/g, '');
    return (
      ruleOutNumber(digits, context) ??
      checksumVerdict(passesWeightedMod11(digits), 'ato-weighted-mod11', 'the weighted mod 11 check')
    );
  },
  mask: (value) => maskDigits(value, 3),
  examples: {
    positive: [
      { text: 'employee TFN 123 456 782 lodged', value: '123 456 782' },
      { text: 'tax file number: 876543210', value: '876543210' },
      { text: '{"tfn":"876 543 210"}', value: '876 543 210' },
      { text: '123456782', hint: 'tax_file_number', value: '123456782' },
      { text: 'POST /onboard?tfn=123+456+782&step=2', value: '123 456 782' },
    ],
    negative: [
      { text: 'tfn 123 456 783', reason: 'fails the weighted mod 11 check' },
      { text: 'invoice 123456782 paid', reason: 'nine digits without a TFN context' },
      { text: 'tfn 123 456782', reason: 'digits grouped as no TFN is written' },
      { text: 'tfn 000 000 000', reason: 'one digit repeated: a placeholder' },
      { text: 'tfn count=123456782', reason: 'the value of a count key' },
    ],
  },
};
