/**
 * A template for a new detector: copy this file to `detectors/<id with dashes>.ts`, rename the
 * export, fill it in and add it to detectors/index.ts (alphabetised by id). It finds member
 * numbers of a made-up scheme (`M-12345678`: an M and eight digits, never starting with 00) so
 * that every field has something to show. It is not registered (test/registry.test.ts checks
 * that), yet the tests check it as they check a registered detector, so it cannot rot.
 *
 * Examples are the detector's specification (STYLE.md): test/detectors.test.ts runs them
 * through the line path, test/column-path-examples.test.ts through the column path, where each
 * value stands alone under a column name, and test/registry.test.ts counts them. Write them as
 * a log line or a field holds them, with synthetic values only (documented test numbers,
 * example.com).
 */
import type { Detector } from '../src/engine/detector.js';
import { maskDigits } from '../src/engine/mask.js';
import { ID_WORDS, isInsideToken, isUnderIdKey } from '../src/engine/token-bounds.js';

/**
 * `unusualValue`: the whole values that normalize() or validate() could treat unlike another
 * whole value (a dash that normalize() removes, the 00 prefix that validate() rejects). A column
 * in which no value matches it is judged by its first value alone. Leave it unset when no RE2
 * pattern can say that, as for a checksum (credit_card, iban): each value is then judged.
 */
const UNUSUAL_VALUE = String.raw`(?m)-|^M?00`;

export const template: Detector = {
  /** Snake case; the file name is the id with dashes. Findings and baselines hold it: never rename it. */
  id: 'member_number',
  /** One sentence for `piiscan detectors` and the reports: what it finds and what it checks. */
  description:
    'Member numbers of the example scheme (M and eight digits), with or without a dash; issued range checked',
  category: 'government_id',
  /** `sensitive` for government, financial and credential data, as privacy policies rank it. */
  sensitivity: 'sensitive',
  identifier: 'direct',
  /**
   * RE2 syntax (no lookaround, no backreferences), names prefixed by the id. Match the value
   * with token boundaries and leave judgement to validate(): a broad pattern plus a validator
   * generalises, a list of known values does not. A `(?P<value>...)` group marks the value inside
   * a longer match. Set `form` on a pattern that only matches masked values; set `context:
   * 'required'` on one that matches too much alone (bare digits): it is only reported near a
   * context word or under a field or column name.
   */
  patterns: [
    { name: 'member_number.prefixed', regex: String.raw`\bM-?\d{8}\b`, score: 0.6 },
    { name: 'member_number.masked', regex: String.raw`\bM-?\*{4}\d{4}\b`, score: 0.7, form: 'masked' },
    { name: 'member_number.bare', regex: String.raw`\b\d{8}\b`, score: 0.4, context: 'required' },
  ],
  /** Lowercase words that, shortly before a match, raise its confidence (and satisfy `context: 'required'`). */
  contextWords: ['member', 'membership'],
  /** Lowercase key and column name tokens that say a value is this kind, in any form (`member_no_sha256`). */
  fieldNames: ['memberno', 'membernumber'],
  /** Only when a match needs it: the value to validate and mask (decoding, separators removed). */
  normalize: (raw) => raw.replace('-', ''),
  /**
   * What the format itself rules out, with a reason a reader can check. `context` holds the
   * text around the match: use the shared token-bounds checks rather than new ones. Return
   * `valid` only for a real check (a checksum, a registry): it raises confidence.
   */
  validate(value, context) {
    if (isInsideToken(context)) return { status: 'invalid', reason: 'part of a larger token' };
    if (isUnderIdKey(context)) return { status: 'invalid', reason: 'the value of an id or count key' };
    const digits = value.replace(/\D/g, '');
    return digits.startsWith('00')
      ? { status: 'invalid', reason: 'numbers starting 00 are never issued' }
      : { status: 'valid', check: 'issued-range' };
  },
  unusualValue: UNUSUAL_VALUE,
  /** Shows enough to recognise a value in a sample and never enough to use it. */
  mask: (value) => maskDigits(value, 4),
  /**
   * Only for kinds whose plaintext matches come by chance in columns of other data (numbers
   * passing a check): when a column not named for the kind is not reported.
   */
  column: { minShare: 0.25, otherKinds: ID_WORDS },
  /**
   * At least three of each (registry test). Positives: `value` is the normalized value; `hint`
   * when a field or column name is what makes it one; `form` when not plaintext; include every
   * pattern, a masked value, and the forms normalize() changes. Negatives: each with the reason
   * it is not this kind; one for every rule of validate(), and for every case `unusualValue`
   * flags, as a value alone (the column-path test then fails if `unusualValue` misses it).
   */
  examples: {
    positive: [
      { text: 'member M-12345678 renewed', value: 'M12345678' },
      { text: 'joined as M23456789 today', value: 'M23456789' },
      { text: '{"member":{"no":"M34567890"}}', value: 'M34567890' },
      { text: 'membership 45678901 lapsed', value: '45678901' },
      { text: '56789012', hint: 'member_no', value: '56789012' },
      { text: 'card on file for M-****6789', value: 'M****6789', form: 'masked' },
    ],
    negative: [
      { text: 'member M00123456 renewed', reason: 'numbers starting 00 are never issued' },
      { text: 'order 45678901 shipped', reason: 'bare digits without a member context' },
      { text: 'member export M12345678.csv written', reason: 'part of a file name' },
      { text: 'member lookup ref=M12345678', reason: 'the value of a ref key' },
    ],
  },
};
