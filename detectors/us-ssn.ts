import type { Detector } from '../src/engine/detector.js';
import { isInsideToken, isUnderIdKey } from '../src/engine/token-bounds.js';

/** Numbers printed in advertisements and specimen cards, never a person's. */
const SPECIMENS = new Set(['078051120', '219099999']);

export const usSsn: Detector = {
  id: 'us_ssn',
  description:
    'US Social Security numbers: dashed, or bare 9 digits next to an SSN context word; area, group and serial rules checked',
  category: 'government_id',
  sensitivity: 'sensitive',
  identifier: 'direct',
  patterns: [
    { name: 'us_ssn.dashed', regex: String.raw`\b\d{3}-\d{2}-\d{4}\b`, score: 0.5 },
    { name: 'us_ssn.bare', regex: String.raw`\b\d{3} ?\d{2} ?\d{4}\b`, score: 0.5, context: 'required' },
    {
      name: 'us_ssn.masked',
      regex: String.raw`(?:\*{3}|\b[xX]{3})[- ]?(?:\*{2}|[xX]{2})[- ]?\d{4}\b`,
      score: 0.7,
      form: 'masked',
    },
  ],
  contextWords: ['ssn', 'social security', 'social_security', 'socialsecurity', 'tax id', 'taxpayer'],
  fieldNames: ['ssn', 'socialsecurity', 'taxid'],
  validate(value, context) {
    if (isInsideToken(context)) return { status: 'invalid', reason: 'part of a larger token' };
    if (isUnderIdKey(context)) return { status: 'invalid', reason: 'the value of an id or count key' };
    if (!/^\d{3}([ -]?)\d{2}\1\d{4}$/.test(value))
      return { status: 'invalid', reason: 'digits grouped as no SSN is written' };
    const digits = value.replace(/\D/g, '');
    const area = digits.slice(0, 3);
    if (area === '000' || area === '666' || area.startsWith('9'))
      return { status: 'invalid', reason: `area ${area} is never issued` };
    if (digits.slice(3, 5) === '00') return { status: 'invalid', reason: 'group 00 is never issued' };
    if (digits.slice(5) === '0000') return { status: 'invalid', reason: 'serial 0000 is never issued' };
    if (SPECIMENS.has(digits)) return { status: 'invalid', reason: 'specimen number' };
    return { status: 'valid', check: 'ssa-area-group-serial' };
  },
  mask: (value) => `***-**-${value.replace(/\D/g, '').slice(-4)}`,
  yieldsToNamedKeys: true,
  examples: {
    positive: [
      { text: 'applicant ssn 536-22-1234 verified', value: '536-22-1234' },
      { text: 'w9 received 536-22-1234', value: '536-22-1234' },
      { text: 'SSN: 536221234', value: '536221234' },
      { text: '{"social_security_number":"536 22 1234"}', value: '536 22 1234' },
      { text: '536221234', hint: 'ssn', value: '536221234' },
      { text: 'ssn on file ***-**-1234', value: '***-**-1234', form: 'masked' },
      { text: 'ssn=XXX-XX-6789', value: 'XXX-XX-6789', form: 'masked' },
    ],
    negative: [
      { text: 'ssn 000-12-3456', reason: 'area 000 is never issued' },
      { text: 'ssn 666-12-3456', reason: 'area 666 is never issued' },
      { text: 'ssn 912-34-5678', reason: 'areas 900-999 are never issued' },
      { text: 'ssn 536-00-1234', reason: 'group 00 is never issued' },
      { text: 'order 536221234 shipped', reason: 'bare 9 digits without an SSN context' },
      { text: 'host=ssn-verify-01 rows 536221234', reason: 'a host name that holds `ssn` is no context' },
      { text: 'class SsnValidator checked 536221234', reason: 'a class name that holds `ssn` is no context' },
      { text: 'ssn 078-05-1120', reason: 'specimen number from a wallet insert' },
      { text: 'session a1b2c3d4 ref 536-22-1234-x9', reason: 'part of a larger dashed id' },
      { text: 'ssn job 536 221234 rows', reason: 'digits grouped as no SSN is written' },
      { text: 'ssn checksum 0.536221234', reason: 'digits after a decimal point' },
      { text: 'card on file 411111XXXXXX1111', reason: 'a masked card: BIN, six masked digits and the last four' },
      { text: 'Social insurance number: 536221234', reason: 'social insurance names a Canadian SIN, not an SSN' },
      { text: '{"social_insurance_no":"536 22 1234"}', reason: 'a key for a Canadian SIN is no SSN context' },
    ],
  },
};
