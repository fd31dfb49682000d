// Form classification: plaintext, masked, hashed, tokenized, encrypted, and what is no finding.
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.js';
import { createDetectorSet } from '../../src/engine/detector-set.js';
import { analyzeLine } from '../../src/engine/analyze-line.js';
import { classifyStoredForm, uniformDigest } from '../../src/engine/stored-form.js';

const set = createDetectorSet(detectors);
const analyze = (line: string) =>
  analyzeLine(set, { text: line, line: 1 }, { showValues: false, serviceField: 'service' });
const forms = (line: string) => analyze(line).map((o) => `${o.detector}:${o.form}`);

describe('classifyStoredForm', () => {
  it.each([
    ['5d41402abc4b2a76b9719d911017c592', 'hashed', 'md5'],
    ['9fceb02d0ae598e95dc970b74767f19372d61af8', 'hashed', 'sha1'],
    ['2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae', 'hashed', 'sha256'],
    ['$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW', 'hashed', 'password-hash'],
    ['$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG', 'hashed', 'password-hash'],
    ['vault:v1:8SDd3WHDOjf7mq69CyCqYjBXAiQQAVZRkFM13ok481zoCmHnSeDX9vyf7w==', 'encrypted', 'envelope'],
    ['AQICAHhWzW9kY2xhc3NpZmllZGJ5cGlpc2Nhbg0xMjM0NTY3ODkwMTIzNA==', 'encrypted', 'envelope'],
    ['q8Zt3LmX9vR2wK7pN4sY1bF6hJ0cD5gE8aT3uW2', 'encrypted', 'high-entropy'],
    ['tok_4f8Kq2LmZx7Vt4Rw', 'tokenized', 'token'],
    ['8c3f1a2e-4b5d-4c6e-9f70-1a2b3c4d5e6f', 'tokenized', 'UUID'],
    ['j***@example.com', 'masked', 'mask'],
    ['XXX-XX-1234', 'masked', 'mask'],
  ])('%s is %s', (value, form, reason) => {
    const result = classifyStoredForm(value);
    expect(result?.form).toBe(form);
    expect(result?.reason.toLowerCase()).toContain(reason.toLowerCase());
  });

  it.each(['', 'n/a', 'N/A', 'null', 'none', 'redacted', '-', 'hello world', 'pending'])(
    '%j is no finding',
    (value) => {
      expect(classifyStoredForm(value)).toBeUndefined();
    },
  );
});

// A batch of a hashed column is checked four bytes at a time; it must say what classifying each
// value alone says (every value a hex digest of the batch's one length), whatever byte is off where.
describe('uniformDigest', () => {
  const md5 = '5d41402abc4b2a76b9719d911017c592';
  const batch = (values: string[]) => Buffer.from(values.join('\n'));

  it('names the digest of a batch of one length, lower or upper case, decimal digits only too', () => {
    expect(uniformDigest(batch([md5, md5.toUpperCase(), '12345678901234567890123456789012']))).toEqual({
      form: 'hashed',
      reason: 'md5 hex digest',
    });
    expect(uniformDigest(batch(['9fceb02d0ae598e95dc970b74767f19372d61af8']))).toEqual({
      form: 'hashed',
      reason: 'sha1 hex digest',
    });
  });

  it('gives up on any byte that is not a hex digit, at any position, and on zeros alone, mixed lengths and non-digest lengths', () => {
    for (const bad of ['g', 'G', '/', ':', '@', '`', '[', 'z', ' ', '\x7f', 'é']) {
      for (let at = 0; at < md5.length; at++) {
        const value = md5.slice(0, at) + bad + md5.slice(at + 1);
        expect(uniformDigest(batch([md5, value, md5])), `${JSON.stringify(bad)} at ${at}`).toBeUndefined();
      }
    }
    expect(uniformDigest(batch([md5, '0'.repeat(32)]))).toBeUndefined();
    expect(uniformDigest(batch([md5, md5 + 'ab']))).toBeUndefined();
    expect(uniformDigest(batch(['abc123']))).toBeUndefined();
  });
});

describe('forms in log lines', () => {
  it('reports a plaintext email in a JSON field', () => {
    expect(forms('{"email":"jane.doe@example.com"}')).toEqual(['email:plaintext']);
  });

  it('reports a hashed email when the key names the kind', () => {
    expect(
      forms('{"user":{"email_sha256":"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"}}'),
    ).toEqual(['email:hashed']);
    expect(forms('receipt email_sha256=2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae')).toEqual([
      'email:hashed',
    ]);
  });

  it('does not call a digest hashed PII when nothing names the kind', () => {
    expect(forms('commit=2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae')).toEqual([]);
  });

  it('reports ciphertext in a PII-named field as encrypted, and masked and tokenized values', () => {
    expect(forms('{"phoneEnc":"vault:v1:8SDd3WHDOjf7mq69CyCqYjBXAiQQAVZRkFM13ok481zoCmHnSeDX9vyf7w=="}')).toEqual([
      'phone:encrypted',
    ]);
    expect(forms('card=**** **** **** 4242')).toEqual(['credit_card:masked']);
    expect(forms('{"email_ref":"tok_4f8Kq2LmZx7Vt4Rw"}')).toEqual(['email:tokenized']);
  });

  it('reads a BIN and last four around masked digits as a masked card, not a masked SSN', () => {
    expect(forms('refund card=400000XXXXXX0002 queued')).toEqual(['credit_card:masked']);
    expect(forms('{"payment":{"pan":"510510xxxxxx5100"}}')).toEqual(['credit_card:masked']);
    expect(forms('<td>Card</td><td>378282******0005</td>')).toEqual(['credit_card:masked']);
    expect(forms('ssn on file XXX-XX-4321')).toEqual(['us_ssn:masked']);
  });

  it('reports nothing for placeholder values in PII-named fields', () => {
    expect(forms('{"email":"","phone":"n/a","ssn":null}')).toEqual([]);
  });

  it('explains the form and masks the sample', () => {
    const [o] = analyze('{"customer_email_md5":"5d41402abc4b2a76b9719d911017c592"}');
    expect(o).toMatchObject({
      detector: 'email',
      form: 'hashed',
      sample: '<hashed>',
      jsonPath: '$.customer_email_md5',
    });
    expect(o!.evidence.formReason).toBe('md5 hex digest in field customer_email_md5');
  });
});

describe('stored-form precedence', () => {
  it('keeps an envelope encrypted even when its base64 contains a mask-like run', () => {
    expect(classifyStoredForm('vault:v1:abcXXXdef0123456789ghijklmnop==')?.form).toBe('encrypted');
    expect(classifyStoredForm('AQICAHxxxQ2lwaGVydGV4dGJsb2I=')?.form).toBe('encrypted');
  });
});
