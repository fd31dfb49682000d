// Synthetic subjects and the lines that hold them in every form locate looks for.
import { createHash, createHmac } from 'node:crypto';

export const EMAIL = 'jane.doe@example.com';
export const PHONE = '+44 7700 900123';
export const SSN = '536-22-1234';
export const HMAC_KEY = 'test-hmac-key';

const hex = (algorithm: string, value: string) => createHash(algorithm).update(value).digest('hex');
const b64 = (algorithm: string, value: string) => createHash(algorithm).update(value).digest('base64');

/** Each value and the form a trace of it is reported in (`jane.doe@example.com` is the subject). */
export const FORMS: Array<{ value: string; form: string; identifier: string }> = [
  { value: EMAIL, form: 'plaintext', identifier: 'email' },
  { value: 'Jane.Doe@Example.com', form: 'normalised', identifier: 'email' },
  { value: 'jane.doe%40example.com', form: 'url-encoded', identifier: 'email' },
  { value: 'jane.doe\\u0040example.com', form: 'json-escaped', identifier: 'email' },
  { value: hex('md5', EMAIL), form: 'md5-hex of email', identifier: 'email' },
  { value: hex('sha1', EMAIL).toUpperCase(), form: 'sha1-hex of email', identifier: 'email' },
  { value: hex('sha256', EMAIL), form: 'sha256-hex of email', identifier: 'email' },
  { value: hex('sha512', EMAIL), form: 'sha512-hex of email', identifier: 'email' },
  { value: b64('md5', EMAIL), form: 'md5-base64 of email', identifier: 'email' },
  { value: b64('sha1', EMAIL), form: 'sha1-base64 of email', identifier: 'email' },
  { value: b64('sha256', EMAIL).replace(/=+$/, ''), form: 'sha256-base64 of email', identifier: 'email' },
  { value: b64('sha512', EMAIL), form: 'sha512-base64 of email', identifier: 'email' },
  {
    value: createHmac('sha256', HMAC_KEY).update(EMAIL).digest('hex'),
    form: 'hmac-sha256-hex of email',
    identifier: 'email',
  },
  { value: PHONE, form: 'plaintext', identifier: 'phone' },
  { value: '07700 900 123', form: 'national', identifier: 'phone' },
  { value: '447700900123', form: 'E.164 digits', identifier: 'phone' },
  { value: '%2B447700900123', form: 'url-encoded E.164', identifier: 'phone' },
  { value: hex('sha256', '+447700900123'), form: 'sha256-hex of phone (E.164)', identifier: 'phone' },
  { value: '536 22 1234', form: 'normalised', identifier: 'us_ssn' },
];

/** Lines of a log, one form each, with text around it. */
export function formLines(): string[] {
  return FORMS.map(({ value }, i) => `2026-11-01T10:00:0${i % 10}Z INFO event=${i} value=${value} done`);
}

/** Every identifier as given and in its plain forms: what no output may contain. */
export const IDENTIFIERS = [EMAIL, PHONE, SSN, '+447700900123', '447700900123', '07700900123', '536221234'];
