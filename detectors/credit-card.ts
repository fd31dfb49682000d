import type { Detector } from '../src/engine/detector.js';
import { maskDigits } from '../src/engine/mask.js';
import { ID_WORDS, isInsideIban, isInsideToken, isUnderIdKey } from '../src/engine/token-bounds.js';

/** Issuer prefixes and lengths: Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay. */
const ISSUERS: Array<{ prefix: RegExp; lengths: number[] }> = [
  { prefix: /^4/, lengths: [13, 16, 19] },
  { prefix: /^(?:5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720))/, lengths: [16] },
  { prefix: /^3[47]/, lengths: [15] },
  { prefix: /^(?:6011|65|64[4-9])/, lengths: [16, 19] },
  { prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] },
  { prefix: /^3(?:0[0-5]|[689])/, lengths: [14, 16] },
  { prefix: /^62/, lengths: [16, 17, 18, 19] },
];

/**
 * How cards print their digits: unbroken, in fours with one separator (the last group shorter),
 * or 4-6-5 and 4-6-4 (Amex, Diners). Other groupings are ids, amounts or phone numbers.
 */
const CARD_GROUPINGS = /^(?:\d+|\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?|\d{4}([ -])\d{6}\2\d{4,5})$/;

function isCardGrouping(value: string): boolean {
  return CARD_GROUPINGS.test(value);
}

/** The Luhn checksum every payment card number carries. */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

export const creditCard: Detector = {
  id: 'credit_card',
  description: 'Payment card numbers (PAN) with or without spaces or dashes; issuer prefix, length and Luhn checked',
  category: 'financial',
  sensitivity: 'sensitive',
  identifier: 'indirect',
  patterns: [
    { name: 'credit_card.number', regex: String.raw`\b[2-6](?:[ -]?\d){12,18}\b`, score: 0.3 },
    // Masked 16-digit numbers in groups of four, masks of 9 to 15 digits (13 to 19-digit numbers),
    // Amex's 4-6-5 groups, and the BIN and last four around six masked digits (`411111XXXXXX1111`).
    {
      name: 'credit_card.masked',
      regex: String.raw`(?:(?:\*{4}|[xX]{4})[ -]?){3}\d{4}\b|(?:\*{9,15}|[xX]{9,15})\d{4}\b|(?:\*{4}|[xX]{4})[ -]?(?:\*{6}|[xX]{6})[ -]?(?:\*|[xX])\d{4}\b|\b\d{6}(?:\*{6}|[xX]{6})\d{4}\b|\b\d{4}[ -]?\*{4}[ -]?\*{4}[ -]?\d{4}\b`,
      score: 0.7,
      form: 'masked',
    },
  ],
  contextWords: ['card', 'credit', 'visa', 'mastercard', 'amex', 'pan', 'payment', 'cc'],
  fieldNames: ['card', 'cc', 'pan', 'creditcard', 'cardnumber', 'ccnumber'],
  validate(value, context) {
    if (isInsideToken(context)) return { status: 'invalid', reason: 'part of a larger token' };
    if (isInsideIban(context)) return { status: 'invalid', reason: 'digits of an IBAN' };
    if (isUnderIdKey(context)) return { status: 'invalid', reason: 'the value of an id or count key' };
    if (!isCardGrouping(value)) return { status: 'invalid', reason: 'digits grouped as no card prints them' };
    const digits = value.replace(/\D/g, '');
    if (!ISSUERS.some((i) => i.prefix.test(digits) && i.lengths.includes(digits.length))) {
      return { status: 'invalid', reason: 'no card issuer uses this prefix and length' };
    }
    return isLuhnValid(digits) ? { status: 'valid', check: 'luhn' } : { status: 'invalid', reason: 'fails Luhn' };
  },
  mask: (value) => maskDigits(value, 4),
  // Numbers of an issuer's prefix and length pass Luhn one time in ten (keys, EAN barcodes).
  column: { minShare: 0.25, otherKinds: ID_WORDS },
  yieldsToNamedKeys: true,
  examples: {
    positive: [
      { text: 'card on file 411111XXXXXX1111', value: '411111XXXXXX1111', form: 'masked' },
      { text: '{"cc":"555555xxxxxx4444"}', value: '555555xxxxxx4444', form: 'masked' },
      { text: 'charge card=4111111111111111 ok', value: '4111111111111111' },
      { text: 'pan 4242 4242 4242 4242 declined', value: '4242 4242 4242 4242' },
      { text: 'mc 5555-5555-5555-4444', value: '5555-5555-5555-4444' },
      { text: 'amex 378282246310005', value: '378282246310005' },
      { text: 'amex 3782 822463 10005 charged', value: '3782 822463 10005' },
      { text: 'card on file **** **** **** 4242', value: '**** **** **** 4242', form: 'masked' },
      { text: 'card 411111******1111', value: '411111******1111', form: 'masked' },
      { text: 'amex ***********0005 charged', value: '***********0005', form: 'masked' },
    ],
    negative: [
      { text: 'id 4111111111111112 created', reason: 'fails Luhn' },
      { text: 'ts=1730455200123', reason: 'epoch milliseconds: no issuer starts with 1' },
      { text: 'trace 9999999999999995', reason: 'no issuer uses prefix 9' },
      { text: 'order 2000000000000000 created', reason: 'no issuer uses prefix 20' },
      { text: 'trace 550e8400-e29b-41d4-a716-4111111111111111 done', reason: 'digits inside a UUID-like id' },
      { text: 'score=0.4111111111111111 computed', reason: 'digits after a decimal point' },
      { text: 'wrote report_4111111111111111.csv', reason: 'digits inside a file name' },
      { text: 'ids 41 1111 111111 1111 1 seen', reason: 'digits grouped as no card prints them' },
      { text: 'hash 4111111111111111aef5 stored', reason: 'digits leading a hex id' },
      { text: 'payment amount=42.50 ref=4111111111111111', reason: 'the value of a ref key' },
      { text: '{"transactionId":"4111111111111111"}', reason: 'the value of an id key' },
      { text: 'payout to ES00 4111 1111 1111 1111 0000 failed', reason: 'digits of an IBAN that fails mod 97' },
      { text: 'sepa creditor NL00 5555 5555 5555 4444 held', reason: 'digits of an IBAN, grouped in fours' },
    ],
  },
};
