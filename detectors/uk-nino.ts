import type { Detector } from '../src/engine/detector.js';
import { isInsideToken } from '../src/engine/token-bounds.js';

/** Prefixes HMRC never issues (and QQ, its placeholder in forms and documentation). */
const INVALID_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ', 'QQ']);

export const ukNino: Detector = {
  id: 'uk_nino',
  description: 'UK National Insurance numbers; HMRC prefix rules checked',
  category: 'government_id',
  sensitivity: 'sensitive',
  identifier: 'direct',
  patterns: [
    {
      name: 'uk_nino.number',
      // First letter never D, F, I, Q, U, V; second letter also never O. Any case: forms and
      // exports lowercase them; validate() takes lowercase ones only unspaced.
      regex: String.raw`(?i)\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b`,
      score: 0.5,
    },
  ],
  contextWords: ['nino', 'national insurance', 'ni number', 'ni no'],
  fieldNames: ['nino', 'nationalinsurance', 'ninumber'],
  validate(value, context) {
    // Spaced lowercase text (`at 10 20 30 a`) is prose far more often than a NINO.
    if (value.includes(' ') && value !== value.toUpperCase())
      return { status: 'invalid', reason: 'spaced and not in capitals' };
    if (!/^[a-z]{2}(?: \d{2}){3} [a-d]$|^[a-z]{2}\d{6}[a-d]$/i.test(value))
      return { status: 'invalid', reason: 'digits grouped as no NINO is written' };
    if (isInsideToken(context)) return { status: 'invalid', reason: 'part of a larger token' };
    const prefix = value.slice(0, 2).toUpperCase();
    return INVALID_PREFIXES.has(prefix)
      ? { status: 'invalid', reason: `prefix ${prefix} is never issued` }
      : { status: 'valid', check: 'hmrc-prefix' };
  },
  mask: (value) => `******${value.replace(/ /g, '').slice(-3).toUpperCase()}`,
  examples: {
    positive: [
      { text: 'nino AB123456C on file', value: 'AB123456C' },
      { text: 'NI number: JG 10 37 58 A', value: 'JG 10 37 58 A' },
      { text: '{"national_insurance":"CE 12 34 56 D"}', value: 'CE 12 34 56 D' },
      { text: 'nino ab123456c on file', value: 'ab123456c' },
      { text: '{"ni_number":"jg103758a"}', value: 'jg103758a' },
    ],
    negative: [
      { text: 'nino QQ123456C', reason: "QQ is HMRC's documentation placeholder" },
      { text: 'nino GB123456A', reason: 'prefix GB is never issued' },
      { text: 'code DA123456C', reason: 'first letter D is never used' },
      { text: 'sku AB123456E', reason: 'suffix letter must be A to D' },
      { text: 'we met at 12 34 56 a cafe', reason: 'spaced and not in capitals' },
      { text: 'ref AB 123456 C', reason: 'digits grouped as no NINO is written' },
      { text: 'nino qq123456c', reason: "QQ is HMRC's documentation placeholder, in any case" },
      { text: 'build ab123456c-rc1', reason: 'part of a larger token' },
    ],
  },
};
