import type { Detector } from '../src/engine/detector.js';
import { maskDigits } from '../src/engine/mask.js';
import { postalCodeProblem, UK_POSTCODE } from '../src/engine/postal-codes.js';
import { isInsideToken, isUnderIdKey } from '../src/engine/token-bounds.js';

/**
 * A postal code alone: an indirect identifier (with a birth date it narrows a person down to a
 * few), so its own kind, `indirect` and below `postal_address`, which names a home. Only next to
 * a postal-code word or under a field or column so named: five digits alone are anything.
 */
export const postalCode: Detector = {
  id: 'postal_code',
  description:
    'Postal codes alone (US ZIP, UK postcode, German PLZ) next to a postal-code word or under a so-named field or column',
  category: 'location',
  sensitivity: 'standard',
  identifier: 'indirect',
  patterns: [
    { name: 'postal_code.digits', regex: String.raw`\b\d{5}(?:-\d{4})?\b`, score: 0.3, context: 'required' },
    { name: 'postal_code.uk', regex: String.raw`(?i)\b${UK_POSTCODE}\b`, score: 0.4, context: 'required' },
  ],
  contextWords: ['zip', 'zipcode', 'postcode', 'postal code', 'plz', 'postleitzahl'],
  // Spaced words match `postal_code_sha256` in a line's first stage, which reads keys as written.
  fieldNames: ['zip', 'zipcode', 'postcode', 'postalcode', 'plz', 'postleitzahl', 'postal code'],
  normalize: (raw) => raw.toUpperCase(),
  validate(value, context) {
    if (isInsideToken(context)) return { status: 'invalid', reason: 'part of a larger token' };
    if (isUnderIdKey(context)) return { status: 'invalid', reason: 'the value of an id or count key' };
    const problem = postalCodeProblem(value);
    return problem === undefined
      ? { status: 'valid', check: 'postal-code-format' }
      : { status: 'invalid', reason: problem };
  },
  mask: (value) => (/^\d/.test(value) ? maskDigits(value, 0).replace(/^\*/, value[0]!) : `${value.slice(0, 2)}** ***`),
  examples: {
    positive: [
      { text: 'checkout zip=94105 total=12.00', value: '94105' },
      { text: 'Postcode: SW1A 2AA', value: 'SW1A 2AA' },
      { text: '{"shipping":{"postalCode":"10115"}}', value: '10115' },
      { text: '62704-1234', hint: 'zip_code', value: '62704-1234' },
      { text: 'plz 80331 München', value: '80331' },
    ],
    negative: [
      { text: 'zip 00501 placeholder', reason: 'no US ZIP or German PLZ starts with 00' },
      { text: 'postcode QV1 6XE', reason: 'letters Royal Mail never uses in that place' },
      { text: 'compressed 94105 bytes into a zip', reason: 'no postal-code word before the number' },
      { text: 'zip upload_id=94105 done', reason: 'the value of an id or count key' },
    ],
  },
};
