/**
 * Indian Permanent Account Numbers: five letters, four digits, a letter (`AAAPL1234C`). The
 * fourth letter is the holder type the Income Tax Department assigns; other letters there mean
 * the token is something else (the well-known `ABCDE1234F` placeholder among them).
 */
import type { Detector } from '../src/engine/detector.js';
import { ID_WORDS, isInsideToken, isUnderIdKey } from '../src/engine/token-bounds.js';
import { isLabelledAsOther } from '../src/engine/context-words.js';

/**
 * Holder types: association of persons, body of individuals, company, firm, government, Hindu
 * undivided family, local authority, artificial juridical person, person, trust.
 */
const HOLDER_TYPES = new Set([...'ABCFGHLJPT']);

export const inPan: Detector = {
  id: 'in_pan',
  description: 'Indian Permanent Account Numbers (PAN); structure and holder type checked',
  category: 'government_id',
  sensitivity: 'sensitive',
  identifier: 'direct',
  patterns: [
    { name: 'in_pan.number', regex: String.raw`\b[A-Z]{5}\d{4}[A-Z]\b`, score: 0.4 },
    {
      name: 'in_pan.masked',
      regex: String.raw`\b[A-Z]{5}(?:\*{4}|[xX]{4})[A-Z]\b|(?:\*{5}|[xX]{5})\d{4}[A-Z]\b`,
      score: 0.6,
      form: 'masked',
      context: 'required',
    },
  ],
  contextWords: ['pan', 'permanent account', 'pan card', 'income tax'],
  // Not `pan` alone: a column so named is credit_card's (a card's primary account number).
  fieldNames: ['permanentaccount', 'pannumber', 'panno', 'pancard', 'incometaxpan'],
  validate(value, context) {
    if (isInsideToken(context)) return { status: 'invalid', reason: 'part of a larger token' };
    if (isUnderIdKey(context) || isLabelledAsOther(context.before))
      return { status: 'invalid', reason: 'the value of an id or count key' };
    if (!HOLDER_TYPES.has(value[3]!)) return { status: 'invalid', reason: `holder type ${value[3]} is never assigned` };
    if (/^(.)\1{4}/.test(value)) return { status: 'invalid', reason: 'one letter repeated: a placeholder' };
    if (value.slice(5, 9) === '0000') return { status: 'invalid', reason: 'serial 0000 is never issued' };
    return { status: 'valid', check: 'pan-holder-type' };
  },
  mask: (value) => `${value.slice(0, 3)}*******`,
  // A code of this shape passes the holder-type check one time in three: a column of codes is not PANs.
  column: { minShare: 0.25, otherKinds: ID_WORDS },
  examples: {
    positive: [
      { text: 'kyc pan AAAPL1234C verified', value: 'AAAPL1234C' },
      { text: 'invoice to BNZPM2501F for services', value: 'BNZPM2501F' },
      { text: '{"pan":"AABCT1234E"}', value: 'AABCT1234E' },
      { text: 'AAAPL1234C', hint: 'pan_number', value: 'AAAPL1234C' },
      { text: 'PAN card AAAPLXXXXC linked', value: 'AAAPLXXXXC', form: 'masked' },
    ],
    negative: [
      { text: 'pan ABCDE1234F', reason: 'holder type D is never assigned: the documentation placeholder' },
      { text: 'pan AAAAA1234A', reason: 'one letter repeated: a placeholder' },
      { text: 'pan AAAPL0000C', reason: 'serial 0000 is never issued' },
      { text: 'deploy release-AAAPL1234C-rc1', reason: 'part of a larger token' },
      { text: 'lookup ref=AAAPL1234C', reason: 'the value of a ref key' },
      { text: 'pan aaapl1234c', reason: 'lowercase: PANs are written in capitals' },
      { text: 'shipment AAAPL1234C left the depot', reason: 'labelled as a shipment code' },
    ],
  },
};
