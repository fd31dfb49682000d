import type { Detector, MatchContext, ValidationResult } from '../src/engine/detector.js';
import { keyWordsBefore } from '../src/engine/key-before.js';
import { toKeyTokens } from '../src/engine/fields.js';
import { maskDigits } from '../src/engine/mask.js';
import { isInsideToken } from '../src/engine/token-bounds.js';

const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');
const MONTH = String.raw`(?:Jan|Feb|M[aä]r|Apr|Ma[iy]|Jun|Jul|Aug|Sept?|O[ck]t|Nov|De[cz])[a-zäz]*\.?`;
const YEAR = String.raw`(?:19|20)\d{2}`;

/** Words of a key naming a date that is not a birth date: `created_at`, `expiry_date`, `order_date`. */
const OTHER_DATES = new Set([
  'created',
  'updated',
  'modified',
  'deleted',
  'expiry',
  'expires',
  'exp',
  'expiration',
  'valid',
  'order',
  'ordered',
  'ship',
  'shipped',
  'delivery',
  'delivered',
  'issued',
  'issue',
  'start',
  'end',
  'due',
  'paid',
  'payment',
  'invoice',
  'signup',
  'joined',
  'login',
  'last',
  'ts',
  'timestamp',
  'time',
  'at',
  'since',
  'until',
  'renewal',
  'renewed',
  'booking',
  'booked',
  'appointment',
  'visit',
  'departure',
  'arrival',
  'checkin',
  'checkout',
  'registered',
  'registration',
  'effective',
  'posted',
  'published',
  'release',
  'released',
  'closed',
  'opened',
]);
const BIRTH_WORDS = new Set([
  'dob',
  'birth',
  'birthday',
  'birthdate',
  'born',
  'bday',
  'geburtsdatum',
  'geboren',
  'geb',
  'dateofbirth',
  'naissance',
  'nacimiento',
  'nascimento',
  'geboortedatum',
  'geboren',
]);
/** The oldest age taken as plausible for a living person's record. */
const MAX_AGE_YEARS = 120;

/** Year, month and day read from a date in any of the patterns' orders; undefined when none reads as a date. */
function readDates(value: string): Array<[number, number, number]> {
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (iso) return [[+iso[1]!, +iso[2]!, +iso[3]!]];
  const numeric = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (numeric)
    return [
      [+numeric[3]!, +numeric[2]!, +numeric[1]!],
      [+numeric[3]!, +numeric[1]!, +numeric[2]!],
    ];
  const year = /\d{4}/.exec(value)?.[0];
  const day = /\b(\d{1,2})(?:st|nd|rd|th)?\b/.exec(value)?.[1];
  const month = MONTHS.findIndex((m) =>
    value.toLowerCase().replace('ä', 'a').replace('okt', 'oct').replace('dez', 'dec').replace('mai', 'may').includes(m),
  );
  return year && day && month >= 0 ? [[+year, month + 1, +day]] : [];
}

function isPlausible([year, month, day]: [number, number, number], now: Date): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && date <= now && now.getUTCFullYear() - year <= MAX_AGE_YEARS;
}

/**
 * Midnight after a date (`T00:00:00Z`, ` 00:00:00.000+00:00`): how drivers and ORMs write a DATE
 * column's value. Only under a key or column named for a birth date is it one; elsewhere a
 * timestamp is never a birth date, midnight or not.
 */
const MIDNIGHT = /^(?:T| )00:00(?::00(?:\.0{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?(?![\d:.])/;

function isBirthKey(words: string[]): boolean {
  return words.some((w) => BIRTH_WORDS.has(w));
}

function validateBirthDate(value: string, context: MatchContext): ValidationResult {
  const key = keyWordsBefore(context.before);
  const storedDate =
    MIDNIGHT.test(context.after) && isBirthKey(key ?? (context.hint === undefined ? [] : toKeyTokens(context.hint)));
  if (!storedDate && /^(?:T\d|\s?\d{1,2}:\d{2})/.test(context.after))
    return { status: 'invalid', reason: 'a timestamp, not a birth date' };
  if (isInsideToken(storedDate ? { ...context, after: '' } : context))
    return { status: 'invalid', reason: 'part of a larger token' };
  if (key !== undefined && !key.some((w) => BIRTH_WORDS.has(w)) && key.some((w) => OTHER_DATES.has(w)))
    return { status: 'invalid', reason: 'the key names another date' };
  const dates = readDates(value);
  if (dates.length === 0) return { status: 'invalid', reason: 'not a calendar date' };
  return dates.some((d) => isPlausible(d, new Date()))
    ? { status: 'valid', check: 'plausible-birth-date' }
    : { status: 'invalid', reason: 'no such day, in the future or over 120 years ago' };
}

export const dateOfBirth: Detector = {
  id: 'date_of_birth',
  description:
    'Birth dates next to a birth word or under a birth-date field or column; real, past dates only, never timestamps',
  category: 'identity',
  sensitivity: 'standard',
  identifier: 'indirect',
  patterns: [
    {
      name: 'date_of_birth.iso',
      // `T00:` after the day: a DATE column's value as drivers write it (see MIDNIGHT).
      regex: String.raw`\b(?P<value>${YEAR}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01]))(?:\b|T00:)`,
      score: 0.4,
      context: 'required',
    },
    {
      name: 'date_of_birth.numeric',
      regex: String.raw`\b\d{1,2}[-/.]\d{1,2}[-/.]${YEAR}\b`,
      score: 0.4,
      context: 'required',
    },
    {
      name: 'date_of_birth.words',
      regex: String.raw`\b(?:\d{1,2}(?:st|nd|rd|th)?\.?[ -]${MONTH},?[ -]${YEAR}|${MONTH} \d{1,2}(?:st|nd|rd|th)?,? ${YEAR})\b`,
      score: 0.4,
      context: 'required',
    },
    {
      name: 'date_of_birth.compact',
      regex: String.raw`\b${YEAR}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\b`,
      score: 0.3,
      context: 'required',
    },
    {
      name: 'date_of_birth.masked',
      regex: String.raw`(?:\*{2}[-/.]\*{2}[-/.](?:${YEAR}|\*{4})|(?:${YEAR}|\*{4})-\*{2}-\*{2})`,
      // Both forms hold `**-**`; a year first would open a thread at every timestamp.
      prefilter: String.raw`\*{2}[-/.]\*{2}`,
      score: 0.5,
      form: 'masked',
      context: 'required',
    },
  ],
  contextWords: [
    'dob',
    // Dotted, as on forms: tokens d, o, b in a row.
    'd.o.b',
    'birth',
    'born',
    'birthday',
    'birthdate',
    'date of birth',
    'bday',
    'geburtsdatum',
    'geboren',
    'geb',
    'nacimiento',
    'naissance',
    'nascimento',
    'geboortedatum',
  ],
  // Spaced words match `date_of_birth_sha256` in a line's first stage, which reads keys as written.
  fieldNames: ['dob', 'birthdate', 'dateofbirth', 'birthday', 'geburtsdatum', 'bday', 'date of birth', 'birth date'],
  validate: validateBirthDate,
  mask: (value) => maskDigits(value, 0),
  examples: {
    positive: [
      { text: 'patient dob=1985-03-02 admitted', value: '1985-03-02' },
      { text: 'Date of birth: 02/03/1985', value: '02/03/1985' },
      { text: 'Patient: D.O.B.: 12/03/1985, ward 4', value: '12/03/1985' },
      { text: '{"customer":{"birthDate":"1990-12-31"}}', value: '1990-12-31' },
      { text: 'born 3 March 1985 in Leeds', value: '3 March 1985' },
      { text: 'Geburtsdatum 24.12.1979', value: '24.12.1979' },
      { text: 'birthday: July 4, 1976', value: 'July 4, 1976' },
      { text: '19850302', hint: 'date_of_birth', value: '19850302' },
      { text: '1985-03-02', hint: 'dob', value: '1985-03-02' },
      { text: 'kyc dob=**/**/1985 verified', value: '**/**/1985', form: 'masked' },
      { text: 'applicant_dob=07-Sep-1958 (KYC tier 2)', value: '07-Sep-1958' },
      { text: 'geboortedatum 03.11.1967 bevestigd', value: '03.11.1967' },
      { text: '<input name="birth_date" value="1961-08-14">', value: '1961-08-14' },
      { text: '<input name="birth_date" id="bd" class="date" value="1961-08-14">', value: '1961-08-14' },
      { text: '<tr><th>Date of birth</th><td>14 Aug 1961</td></tr>', value: '14 Aug 1961' },
      { text: 'Parameters: {"user"=>{"dob"=>"1961-08-14"}}', value: '1961-08-14' },
      { text: '{"patient":{"birthDate":"1961-08-14T00:00:00.000Z"}}', value: '1961-08-14' },
      { text: 'row date_of_birth=1961-08-14 00:00:00+00:00 status=active', value: '1961-08-14' },
      { text: '1961-08-14T00:00:00', hint: 'BirthDate', value: '1961-08-14' },
      { text: '1961-08-14 00:00:00.000', hint: 'dob', value: '1961-08-14' },
    ],
    negative: [
      { text: 'created_at=2023-04-07 order 1985-03-02', reason: 'dates without a birth word' },
      { text: 'dob check ok created_at=2023-04-07', reason: 'the key names another date' },
      { text: 'dob updated at 2024-01-05T10:00:00Z', reason: 'a timestamp, not a birth date' },
      {
        text: 'birthday promo ends 2099-12-31',
        reason: 'no such day, in the future or over 120 years ago',
      },
      { text: 'dob=1985-02-30 rejected', reason: 'no such day, in the future or over 120 years ago' },
      {
        text: 'dob field 1850-01-01 placeholder',
        reason: 'no such day, in the future or over 120 years ago',
      },
      { text: 'birth_cert_1985-03-02.pdf uploaded', reason: 'part of a larger token' },
      { text: 'dob ok, expiry_date=2023-04-07', reason: 'the key names another date' },
      { text: 'dob ok, created_at=2023-04-07 10:00:00', reason: 'a timestamp under a creation key' },
      { text: 'dob ok, created_at=2023-04-07T00:00:00Z', reason: 'midnight under a creation key' },
      { text: 'dob=1961-08-14T09:30:00Z', reason: 'a time of day: a timestamp, not a stored date' },
      { text: 'birthday reminder sent 2023-04-07T00:00:00Z', reason: 'midnight under no birth key' },
      { text: 'dob set; <input name="expiry_date" value="2019-08-14">', reason: 'the input names another date' },
      {
        text: 'dob; <input name="expiry_date" id="dob" value="2019-08-14">',
        reason: 'the input is named for another date',
      },
      { text: 'birthday list: <td>Renewal</td><td>14 Aug 2019</td>', reason: 'the label cell names another date' },
    ],
  },
};
