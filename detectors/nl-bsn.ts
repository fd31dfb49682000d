/**
 * Dutch citizen service numbers (burgerservicenummer): nine digits passing the 11-test. Nine
 * digits are also other countries' numbers and order ids, so a BSN is only reported next to a
 * BSN word or under a field named for it.
 */
import type { Detector } from '../src/engine/detector.js';
import { maskDigits } from '../src/engine/mask.js';
import { checksumVerdict, fromQueryString, ruleOutNumber } from '../src/engine/number-checks.js';

/** The 11-test: weights 9 down to 2, and -1 for the last digit; the sum divides by 11. */
function passesElevenTest(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  return (sum - Number(digits[8])) % 11 === 0;
}

export const nlBsn: Detector = {
  id: 'nl_bsn',
  description: 'Dutch citizen service numbers (BSN) next to a BSN word or field; 11-test checked',
  category: 'government_id',
  sensitivity: 'sensitive',
  identifier: 'direct',
  patterns: [
    {
      name: 'nl_bsn.number',
      regex: String.raw`\b\d{9}\b|\b\d{3}[ +]\d{3}[ +]\d{3}\b|\b\d{4}\.\d{2}\.\d{3}\b`,
      score: 0.5,
      context: 'required',
    },
  ],
  // `citizen service number`: the BSN's English name, as international systems key it.
  contextWords: ['bsn', 'burgerservicenummer', 'sofinummer', 'sofi', 'citizen service number'],
  fieldNames: ['bsn', 'burgerservicenummer', 'sofinummer', 'citizenservicenumber'],
  normalize: fromQueryString,
  validate(value, context) {
    const digits = value.replace(/\D/g, '');
    return ruleOutNumber(digits, context) ?? checksumVerdict(passesElevenTest(digits), '11-test', 'the 11-test');
  },
  mask: (value) => maskDigits(value, 3),
  examples: {
    positive: [
      { text: '{"citizen_service_number":"111 222 333"}', value: '111 222 333' },
      { text: 'kyc citizenServiceNumber=1112.22.333 ok', value: '1112.22.333' },
      { text: '<input type="hidden" name="bsn" id="f_bsn" value="111222333">', value: '111222333' },
      { text: 'klant bsn 111222333 geverifieerd', value: '111222333' },
      { text: 'BSN: 1234.56.782', value: '1234.56.782' },
      { text: '{"burgerservicenummer":"123 456 782"}', value: '123 456 782' },
      { text: '111222333', hint: 'bsn', value: '111222333' },
      { text: 'GET /zorg/aanvraag?bsn=123+456+782 HTTP/1.1', value: '123 456 782' },
    ],
    negative: [
      { text: 'citizen_service_number=111222334', reason: 'fails the 11-test' },
      { text: 'citizen portal service number 111222333', reason: 'the words apart are no BSN name' },
      { text: 'bsn 111222334', reason: 'fails the 11-test' },
      { text: 'bsn 000000000', reason: 'one digit repeated: a placeholder' },
      { text: 'factuur 111222333 betaald', reason: 'nine digits without a BSN context' },
      { text: 'bsn trace_id=111222333', reason: 'the value of an id key' },
      { text: 'bsn 0 111 222 333', reason: 'part of a longer number' },
    ],
  },
};
