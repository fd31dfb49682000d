import { createRequire } from 'node:module';
import type { CountryCode } from 'libphonenumber-js/max';
import type { Detector } from '../src/engine/detector.js';
import { maskDigits } from '../src/engine/mask.js';
import { ID_WORDS, isInsideIban, isInsideToken, isUnderIdKey } from '../src/engine/token-bounds.js';

type LibPhoneNumber = typeof import('libphonenumber-js/max');
let loaded: LibPhoneNumber | undefined;
/**
 * libphonenumber-js with its full metadata is slow to load: it is loaded by the first
 * number to validate, so a thread that never validates one (the one reading a table for worker
 * threads, `piiscan --version`) does not pay for it. `piiscan locate` parses its subjects' numbers
 * with it too, so both read numbers alike and a scan loads the library only when it needs it.
 */
export const parsePhoneNumberFromString: LibPhoneNumber['parsePhoneNumberFromString'] = (
  ...args: Parameters<LibPhoneNumber['parsePhoneNumberFromString']>
) =>
  (loaded ??= createRequire(import.meta.url)('libphonenumber-js/max') as LibPhoneNumber).parsePhoneNumberFromString(
    ...args,
  );

/**
 * Regions tried for numbers without a country code: a leading trunk 0 is written in GB, DE, FR
 * and IN, not in US numbers.
 */
const TRUNK_PREFIX_REGIONS: CountryCode[] = ['GB', 'DE', 'FR', 'IN'];
const OTHER_REGIONS: CountryCode[] = ['US', 'IN', 'GB'];

/**
 * Ofcom's ranges for drama (07700 900xxx, 01632 960xxx): test and staging data use them where
 * real numbers would be, and libphonenumber calls them invalid.
 */
const DRAMA_NUMBERS = /^\+44(?:7700900|1632960)\d{3}$/;

/** URL-encoded plus signs and spaces (`%2B44%207700...`). */
function decodePhone(raw: string): string {
  return raw.includes('%') ? raw.replace(/%2b/gi, '+').replace(/%20/g, ' ') : raw;
}

/**
 * Parsing and validating a number is costly (libphonenumber builds a RegExp per metadata
 * pattern), and columns and logs repeat numbers (a customer's phone on each of their orders), so
 * verdicts are remembered, for up to this many numbers at a time.
 */
const VERDICT_CACHE_LIMIT = 8192;
const verdicts = new Map<string, boolean>();

function isValidPhone(value: string): boolean {
  let valid = verdicts.get(value);
  if (valid === undefined) {
    if (verdicts.size >= VERDICT_CACHE_LIMIT) verdicts.clear();
    verdicts.set(value, (valid = checkPhone(value)));
  }
  return valid;
}

/** Whether libphonenumber finds a valid number (or a drama number) in `value`, read in `region`. */
function isValidIn(value: string, region?: CountryCode): boolean {
  const parsed = parsePhoneNumberFromString(value, region);
  return parsed !== undefined && (parsed.isValid() || DRAMA_NUMBERS.test(parsed.number));
}

function checkPhone(value: string): boolean {
  if (value.startsWith('+')) return isValidIn(value);
  const regions = /^\(?0/.test(value) ? TRUNK_PREFIX_REGIONS : OTHER_REGIONS;
  if (regions.some((region) => isValidIn(value, region))) return true;
  // Bare digits in a phone field are often E.164 without its plus sign.
  return /^\d{11,15}$/.test(value) && (parsePhoneNumberFromString(`+${value}`)?.isValid() ?? false);
}

export const phone: Detector = {
  id: 'phone',
  description:
    'Phone numbers in E.164 and in US, UK, German, French and Indian national formats, checked with libphonenumber',
  category: 'contact',
  sensitivity: 'standard',
  identifier: 'direct',
  patterns: [
    {
      name: 'phone.international',
      regex: String.raw`\+[1-9]\d{0,2}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,5}(?:[ .-]?\d{2,5}){1,4}\b`,
      score: 0.5,
    },
    { name: 'phone.us', regex: String.raw`(?:\(\d{3}\) ?|\b\d{3}[.-])\d{3}[.-]\d{4}\b`, score: 0.4 },
    { name: 'phone.trunk_prefix', regex: String.raw`\b0\d{2,4}[ /-]?\d{3,4}[ -]?\d{3,4}\b`, score: 0.4 },
    { name: 'phone.fr', regex: String.raw`\b0[1-9](?:[ .]\d{2}){4}\b`, score: 0.4 },
    { name: 'phone.in', regex: String.raw`\b0?[6-9]\d{4}[ -]\d{5}\b`, score: 0.4 },
    { name: 'phone.url_encoded', regex: String.raw`%2[Bb][1-9]\d{0,3}(?:(?:%20|[.-])?\d{2,5}){1,5}\b`, score: 0.5 },
    { name: 'phone.digits', regex: String.raw`\b\d{10,13}\b`, score: 0.4, context: 'required' },
  ],
  contextWords: ['phone', 'tel', 'mobile', 'cell', 'msisdn', 'sms', 'call', 'fax', 'whatsapp'],
  fieldNames: [
    'phone',
    'telephone',
    'tel',
    'mobile',
    'msisdn',
    'cell',
    'fax',
    'phonenumber',
    'contactnumber',
    'contactno',
  ],
  normalize: decodePhone,
  validate(value, context) {
    if (isInsideToken(context)) return { status: 'invalid', reason: 'part of a larger token' };
    if (isInsideIban(context)) return { status: 'invalid', reason: 'digits of an IBAN' };
    if (isUnderIdKey(context)) return { status: 'invalid', reason: 'the value of an id or count key' };
    return isValidPhone(value)
      ? { status: 'valid', check: 'libphonenumber' }
      : { status: 'invalid', reason: 'not a valid number in any supported region' };
  },
  mask: (value) => maskDigits(value, 2),
  // Random 10-digit numbers pass a phone check about one time in ten (a leading 0 and a valid area).
  column: { minShare: 0.25, otherKinds: ID_WORDS },
  yieldsToNamedKeys: true,
  examples: {
    positive: [
      { text: 'sms sent to +1 202-555-0143', value: '+1 202-555-0143' },
      { text: 'callback +442079460958 queued', value: '+442079460958' },
      { text: 'customer phone (202) 555-0143', value: '(202) 555-0143' },
      { text: 'office 020 7946 0958', value: '020 7946 0958' },
      { text: 'mobile 07911 123456', value: '07911 123456' },
      { text: 'Rückruf 030 12345678', value: '030 12345678' },
      { text: 'rappel au 01 99 00 12 34', value: '01 99 00 12 34' },
      { text: 'otp to 98765 43210', value: '98765 43210' },
      { text: 'msisdn=4915123456789', value: '4915123456789' },
      { text: '2025550143', hint: 'phone_number', value: '2025550143' },
      { text: 'SMS to 2025550143 queued', value: '2025550143' },
      { text: 'Phone No. 2025550143', value: '2025550143' },
      { text: '{"customerPhone":"2025550143"}', value: '2025550143' },
      { text: '{"phone":{"number":"2025550143","verified":true}}', value: '2025550143' },
      { text: 'sms sent to +44 7700 900123', value: '+44 7700 900123' },
      { text: 'GET /verify?phone=%2B447700900123&code=1 HTTP/1.1', value: '+447700900123' },
      { text: 'GET /verify?to=%2B44%207700%20900123 HTTP/1.1', value: '+44 7700 900123' },
      { text: 'otp to 098765 43210', value: '098765 43210' },
      { text: 'otp to 09876543210', value: '09876543210' },
      { text: 'Phone number: 7700900123', value: '7700900123' },
      { text: 'mobile=7911123456', value: '7911123456' },
    ],
    negative: [
      { text: 'at 2026-11-01T10:00:00Z', reason: 'timestamp' },
      { text: 'ts=1730455200 took 1234ms', reason: 'epoch seconds and a duration' },
      { text: 'order 1234567890 shipped', reason: 'order number without a phone context' },
      { text: 'build 011 1111 1111 done', reason: 'not a valid number in any supported region' },
      { text: 'offset +0100 applied', reason: 'time zone offset' },
      {
        text: '10:00:00.123 INFO [exec-1] com.acme.sms.SmsGateway : dispatched 2025550143',
        reason: 'a logger name that holds `sms` is no context',
      },
      { text: 'host=sms-relay-01 dispatched 2025550143', reason: 'a host name that holds `sms` is no context' },
      { text: '[telemetry] uploaded 2025550143 bytes', reason: '`tel` inside a word is no context' },
      { text: '{"telemetry_id":2025550143}', reason: '`tel` inside a key word is no context' },
      { text: 'sms sent for order 2025550143', reason: 'the nearest label names the number an order' },
      { text: 'phone lookup lat=51.02079460958 lon=-0.02079460958', reason: 'digits after a decimal point' },
      { text: 'phone request 123e4567-e89b-12d3-a456-202555014300 failed', reason: 'digits inside a UUID' },
      { text: 'phone export phones_02079460958.csv written', reason: 'digits inside a file name' },
      { text: 'mobile app build 3.02079460958 released', reason: 'digits inside a version' },
      {
        text: 'phone_verification.tasks: cleanup removed 2025550143 rows',
        reason: 'a count of rows under a Python logger name',
      },
      {
        text: 'changed phone settings: notifications=on retries=2025550143',
        reason: 'the value of a key that names no phone',
      },
      { text: 'ratelimit: phone bucket 2025550143 tokens left', reason: 'a count of tokens' },
      { text: 'sms cache key=sms:2025550143:3d05023b', reason: 'digits inside a colon-joined key' },
      { text: 'sms dispatch order_id=2025550143', reason: 'the value of an id key' },
      { text: 'tel: sip trunk registered, calls=2025550143 active=12', reason: 'a plural key counts calls' },
      { text: 'sms batch #2025550143 sent', reason: 'a number after # is a reference' },
      { text: 'account created customer_no=2025550143', reason: 'the value of a key naming a number of another thing' },
      { text: 'refund to DE00 0301 2345 6780 1234 56 failed', reason: 'digits of an IBAN that fails mod 97' },
      { text: 'konto: BE00 0202 5550 1430', reason: 'digits of an IBAN that fails mod 97' },
    ],
  },
};
