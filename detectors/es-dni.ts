/**
 * Spanish national identity numbers (DNI: eight digits and a letter) and foreigners' numbers (NIE:
 * X, Y or Z, seven digits and a letter). The letter is the number modulo 23 in the Interior
 * Ministry's table, so only one letter in 23 is right by chance.
 */
import type { Detector } from '../src/engine/detector.js';
import { maskDigits } from '../src/engine/mask.js';
import { ID_WORDS, isInsideToken, isUnderIdKey } from '../src/engine/token-bounds.js';
import { isLabelledAsOther } from '../src/engine/context-words.js';

const LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
/** An NIE's first letter stands for a leading digit. */
const NIE_PREFIX: Record<string, string> = { X: '0', Y: '1', Z: '2' };

export const esDni: Detector = {
  id: 'es_dni',
  description: 'Spanish DNI and NIE numbers; control letter (mod 23) checked',
  category: 'government_id',
  sensitivity: 'sensitive',
  identifier: 'direct',
  patterns: [
    { name: 'es_dni.dni', regex: String.raw`\b\d{8}[ -]?[A-HJ-NP-TV-Z]\b`, score: 0.4 },
    { name: 'es_dni.nie', regex: String.raw`\b[XYZ][ -]?\d{7}[ -]?[A-HJ-NP-TV-Z]\b`, score: 0.4 },
  ],
  contextWords: ['dni', 'nie', 'nif', 'documento nacional', 'documento de identidad'],
  fieldNames: ['dni', 'nie', 'nif', 'dninie', 'documentonacional'],
  normalize: (raw) => raw.replace(/[ -]/g, ''),
  validate(value, context) {
    if (isInsideToken(context)) return { status: 'invalid', reason: 'part of a larger token' };
    if (isUnderIdKey(context) || isLabelledAsOther(context.before))
      return { status: 'invalid', reason: 'the value of an id or count key' };
    const digits = (NIE_PREFIX[value[0]!] ?? value[0]) + value.slice(1, -1);
    if (/^0+$/.test(digits)) return { status: 'invalid', reason: 'zeros alone: a placeholder' };
    return LETTERS[Number(digits) % 23] === value.slice(-1)
      ? { status: 'valid', check: 'dni-letter-mod23' }
      : { status: 'invalid', reason: 'wrong control letter' };
  },
  mask: (value) => `${maskDigits(value.slice(0, -1), 3)}${value.slice(-1)}`,
  // One letter in 23 is right by chance: a column of codes of this shape is not reported.
  column: { minShare: 0.25, otherKinds: ID_WORDS },
  examples: {
    positive: [
      { text: 'cliente dni 12345678Z verificado', value: '12345678Z' },
      { text: 'NIE: X-1234567-L', value: 'X1234567L' },
      { text: '{"nif":"87654321X"}', value: '87654321X' },
      { text: 'alta de Z7654321H completada', value: 'Z7654321H' },
      { text: '01234567-L', hint: 'dni', value: '01234567L' },
    ],
    negative: [
      { text: 'dni 12345678A', reason: 'wrong control letter' },
      { text: 'dni 00000000T', reason: 'zeros alone: a placeholder' },
      { text: 'build 12345678Z-rc1 tagged', reason: 'part of a larger token' },
      { text: 'lookup ref=12345678Z', reason: 'the value of a ref key' },
      { text: 'nie W1234567L', reason: 'an NIE starts with X, Y or Z' },
      { text: 'booking 12345678Z confirmed', reason: 'labelled as a booking code' },
    ],
  },
};
