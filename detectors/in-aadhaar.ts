/**
 * Indian Aadhaar numbers: twelve digits, never starting 0 or 1, the last a Verhoeff check digit.
 * Written in fours they are reported alone; twelve bare digits only next to an Aadhaar word or
 * under a field named for it.
 */
import type { Detector } from '../src/engine/detector.js';
import { checksumVerdict, ruleOutNumber } from '../src/engine/number-checks.js';

// Verhoeff's dihedral group tables: multiplication and the position permutation.
const MULTIPLY = [
  '0123456789',
  '1234067895',
  '2340178956',
  '3401289567',
  '4012395678',
  '5987604321',
  '6598710432',
  '7659821043',
  '8765932104',
  '9876543210',
].map((row) => [...row].map(Number));
const PERMUTE = [
  '0123456789',
  '1576283094',
  '5803796142',
  '8916043527',
  '9453126870',
  '4286573901',
  '2793806415',
  '7046913258',
].map((row) => [...row].map(Number));

/** Verhoeff's check, as UIDAI specifies it for the last digit. */
function isVerhoeffValid(digits: string): boolean {
  let check = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[digits.length - 1 - i]);
    check = MULTIPLY[check]![PERMUTE[i % 8]![digit]!]!;
  }
  return check === 0;
}

export const inAadhaar: Detector = {
  id: 'in_aadhaar',
  description: 'Indian Aadhaar numbers in groups of four, or bare next to an Aadhaar word or field; Verhoeff checked',
  category: 'government_id',
  sensitivity: 'sensitive',
  identifier: 'direct',
  patterns: [
    { name: 'in_aadhaar.grouped', regex: String.raw`\b[2-9]\d{3}[ -]\d{4}[ -]\d{4}\b`, score: 0.4 },
    { name: 'in_aadhaar.bare', regex: String.raw`\b[2-9]\d{11}\b`, score: 0.5, context: 'required' },
    {
      name: 'in_aadhaar.masked',
      regex: String.raw`(?:\*{4}|[xX]{4})[ -]?(?:\*{4}|[xX]{4})[ -]?\d{4}\b`,
      score: 0.6,
      form: 'masked',
      context: 'required',
    },
  ],
  contextWords: ['aadhaar', 'aadhar', 'adhaar', 'uidai'],
  fieldNames: ['aadhaar', 'aadhar', 'aadhaarno', 'aadhaarnumber'],
  validate(value, context) {
    if (!/^\d{4}([ -]?)\d{4}\1\d{4}$/.test(value))
      return { status: 'invalid', reason: 'digits grouped as no Aadhaar is written' };
    const digits = value.replace(/\D/g, '');
    return ruleOutNumber(digits, context) ?? checksumVerdict(isVerhoeffValid(digits), 'verhoeff', 'Verhoeff');
  },
  mask: (value) => `XXXX XXXX ${value.replace(/\D/g, '').slice(-4)}`,
  // Twelve digits in fours pass Verhoeff one time in ten: a column of other keys is not reported.
  column: { minShare: 0.25, otherKinds: ['id', 'ids', 'ref', 'no', 'nr', 'num', 'seq', 'sku', 'ean', 'barcode'] },
  examples: {
    positive: [
      { text: 'kyc aadhaar 2341 2341 2346 verified', value: '2341 2341 2346' },
      { text: 'uploaded 9999-4105-7058 for ekyc', value: '9999-4105-7058' },
      { text: 'Aadhaar No: 999941057058', value: '999941057058' },
      { text: '234123412346', hint: 'aadhaar_number', value: '234123412346' },
      { text: 'aadhaar XXXX XXXX 2346 linked', value: 'XXXX XXXX 2346', form: 'masked' },
    ],
    negative: [
      { text: 'aadhaar 2341 2341 2347', reason: 'fails Verhoeff' },
      { text: 'aadhaar 1341 2341 2346', reason: 'numbers starting 0 or 1 are never issued' },
      { text: 'order 234123412346 shipped', reason: 'twelve bare digits without an Aadhaar context' },
      { text: 'card 4111 2341 2341 2346 charged', reason: 'part of a longer number in groups' },
      { text: 'aadhaar 2341 23412346', reason: 'digits grouped as no Aadhaar is written' },
      { text: 'aadhaar 3333 3333 3333', reason: 'one digit repeated: a placeholder' },
      { text: 'upload ref=9999-4105-7058', reason: 'the value of a ref key' },
      { text: 'tracking 2341 2341 2346 delivered', reason: 'labelled as a tracking number' },
    ],
  },
};
