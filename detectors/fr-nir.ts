/**
 * French social security numbers (NIR, numéro de sécurité sociale): sex, year, month, department
 * (2A and 2B for Corsica), commune, order number and a key of 97 minus the first thirteen digits
 * modulo 97. Fifteen characters with a 1-in-97 key are rare by chance, so no context is needed.
 */
import type { Detector } from '../src/engine/detector.js';
import { maskDigits } from '../src/engine/mask.js';
import { fromQueryString } from '../src/engine/number-checks.js';
import { ID_WORDS, isInDigitGroups, isInsideToken, isUnderIdKey } from '../src/engine/token-bounds.js';
import { isLabelledAsOther } from '../src/engine/context-words.js';

/** The NIR's key: Corsican departments count as 19 (2A) and 18 (2B). */
function isKey97Valid(compact: string): boolean {
  const body = compact
    .slice(0, 13)
    .replace(/^(\d{5})2A/, '$119')
    .replace(/^(\d{5})2B/, '$118');
  return 97 - Number(BigInt(body) % 97n) === Number(compact.slice(13));
}

export const frNir: Detector = {
  id: 'fr_nir',
  description: 'French social security numbers (NIR) with their key; sex, month, department and key 97 checked',
  category: 'government_id',
  sensitivity: 'sensitive',
  identifier: 'direct',
  patterns: [
    {
      name: 'fr_nir.number',
      regex: String.raw`\b[12][ +]?\d{2}[ +]?(?:0[1-9]|1[0-2]|[2-9]\d)[ +]?(?:\d{2}|2[AB])[ +]?\d{3}[ +]?\d{3}[ +]?\d{2}\b`,
      score: 0.5,
    },
  ],
  contextWords: ['nir', 'sécurité sociale', 'securite sociale', 'insee', 'numéro de sécu', 'secu'],
  // Spaced words match `numero_secu_sha256` in a line's first stage, which reads keys as written.
  fieldNames: ['nir', 'numsecu', 'securitesociale', 'numerosecu', 'num secu', 'numero secu', 'securite sociale'],
  normalize: (raw) => fromQueryString(raw).toUpperCase(),
  validate(value, context) {
    if (isInsideToken(context) || isInDigitGroups(context))
      return { status: 'invalid', reason: 'part of a larger token' };
    if (isUnderIdKey(context) || isLabelledAsOther(context.before))
      return { status: 'invalid', reason: 'the value of an id or count key' };
    if (!/^\d(?: \d{2}){2} (?:\d{2}|2[AB])(?: \d{3}){2} \d{2}$|^\d{5}(?:\d{2}|2[AB])\d{8}$/.test(value))
      return { status: 'invalid', reason: 'grouped as no NIR is written' };
    const compact = value.replace(/ /g, '');
    const month = Number(compact.slice(3, 5));
    // Months 20 to 42 and 50 to 99 mark people born abroad or of unknown month; 13 to 19 never occur.
    if (month >= 13 && month <= 19) return { status: 'invalid', reason: `month ${month} is never used` };
    if (compact.slice(5, 7) === '00') return { status: 'invalid', reason: 'department 00 does not exist' };
    return isKey97Valid(compact)
      ? { status: 'valid', check: 'nir-key-97' }
      : { status: 'invalid', reason: 'fails the key 97 check' };
  },
  mask: (value) => maskDigits(value, 2),
  // Fifteen digits pass the key one time in 97: a column of other numbers (tracking, serials) is no NIR column.
  column: { minShare: 0.25, otherKinds: ID_WORDS },
  examples: {
    positive: [
      { text: 'assuré 1 84 12 76 451 089 46 enregistré', value: '1 84 12 76 451 089 46' },
      { text: 'nir=255081416802538', value: '255081416802538' },
      { text: '{"numero_secu":"2 69 02 2A 341 732 14"}', value: '2 69 02 2A 341 732 14' },
      { text: '184127645108946', hint: 'nir', value: '184127645108946' },
      { text: 'GET /assure?nir=1+84+12+76+451+089+46 HTTP/1.1', value: '1 84 12 76 451 089 46' },
    ],
    negative: [
      { text: 'nir 1 84 12 76 451 089 47', reason: 'fails the key 97 check' },
      { text: 'nir 1 84 15 76 451 089 94', reason: 'month 15 is never used' },
      { text: 'nir 1 84 12 00 451 089 61', reason: 'department 00 does not exist' },
      { text: 'nir 1 84 1276 451 08946', reason: 'grouped as no NIR is written' },
      { text: 'trace 0-184127645108946', reason: 'part of a larger token' },
      { text: 'payment ref=184127645108946', reason: 'the value of a ref key' },
      { text: 'parcel tracking 184127645108946 delivered', reason: 'labelled as a tracking number' },
    ],
  },
};
