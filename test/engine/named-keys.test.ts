// A value under a key named for one kind is not taken by a detector that yields to named keys
// (phone, card, SSN) on the strength of its digits: with every detector registered, the lines
// under another kind's key report none of those kinds, and the same values under their own keys do.
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.js';
import { createDetectorSet } from '../../src/engine/detector-set.js';
import { analyzeLine } from '../../src/engine/analyze-line.js';

const set = createDetectorSet(detectors);
const found = (line: string) => [
  ...new Set(
    analyzeLine(set, { text: line, line: 1 }, { showValues: false, serviceField: 'service' }).map((o) => o.detector),
  ),
];
const YIELDING = new Set(['phone', 'credit_card', 'us_ssn']);

/** A valid US phone number, a London one, a Luhn-valid card and an SSN, each under another kind's key. */
const UNDER_OTHER_KEYS = [
  'patient nhs_number: 202-555-0143 admitted',
  '{"patient":{"nhsNumber":"202-555-0143"}}',
  'Parameters: {"member"=>{"nhs_no"=>"202-555-0143"}}',
  'kyc cpf=02079460958 checked',
  '<tr><th>Tax file number</th><td>202-555-0143</td></tr>',
  'payout sin: 536-22-1234 rejected',
  'refund to bank_iban="4111 1111 1111 1111" queued',
  'employee social_insurance_number=536221234 exported',
  'Social insurance number: 536221234',
  'payroll tax_id_de="02 079 460 958" rejected',
  'ward nhs_number: 20 2555 0143',
  '{"ca":{"social_insurance_no":"536 22 1234"}}',
];

const UNDER_OWN_KEYS: Array<[string, string]> = [
  ['patient phone: 202-555-0143 admitted', 'phone'],
  ['{"contact":{"mobileNumber":"02079460958"}}', 'phone'],
  ['refund to card_number="4111 1111 1111 1111" queued', 'credit_card'],
  ['pan_number: 4111 1111 1111 1111', 'credit_card'],
  ['employee social_security_number=536221234 exported', 'us_ssn'],
  ['payout ssn: 536-22-1234 rejected', 'us_ssn'],
  ['call back on 202-555-0143 about the nhs_number', 'phone'],
];

describe('values under keys named for another kind', () => {
  for (const line of UNDER_OTHER_KEYS)
    it(`reports no phone, card or SSN in ${JSON.stringify(line)}`, () => {
      expect(found(line).filter((id) => YIELDING.has(id))).toEqual([]);
    });
  for (const [line, id] of UNDER_OWN_KEYS)
    it(`reports ${id} in ${JSON.stringify(line)}`, () => {
      expect(found(line)).toContain(id);
    });
  it('takes an id key that names the kind as that kind, and other id keys as ids', () => {
    expect(found("kyc passport_id='K47120385' verified")).toEqual(['passport']);
    expect(found('{"payment_card_id":"4111 1111 1111 1111"}')).toEqual(['credit_card']);
    expect(found('{"payment_id":"4111111111111111"}')).toEqual([]);
    expect(found('kyc check_id=K47120385 passport pending')).toEqual([]);
  });
  it('still reports an e-mail address under a key named for an address', () => {
    expect(found('notify to_address=jane.doe@example.com')).toContain('email');
  });
});
