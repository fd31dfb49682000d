// Column verdicts in the engine: a column is judged as a whole (the share of its values that
// match, whole values or text, its name), on either side of the worker split. No server needed;
// column-verdicts-db.test.ts runs the same tables through PostgreSQL and MariaDB.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/sites/finding.js';
import { createRecordScanner } from '../../src/sites/record-scanner.js';
import type { RecordOrigin } from '../../src/connectors/records.js';
import { BATCH_ROWS } from '../../src/connectors/column-batches.js';
import { toValuesRecord } from '../../src/connectors/values-record.js';
import { classifyStoredForm, toNamedForm } from '../../src/engine/stored-form.js';
import { createRandom } from '../../src/connectors/seeded-random.js';
import { fixtureTables, isPhoneLikeRef } from './column-verdicts-fixture.js';
import { columnOrigin, DEFAULT_SETTINGS } from '../scan-inputs.js';

/** A CSV file's column, as the CSV reader names it: a site of kind `file` with `#column` after it. */
function csvOriginOf(column: string): RecordOrigin {
  return {
    siteKind: 'file',
    path: `exports/orders.csv#${column}`,
    source: '/data/exports/orders.csv',
    uri: `file://exports/orders.csv#${column}`,
    siteUri: `file://exports/orders.csv*#${column}`,
    defaultService: 'exports',
    target: 'exports',
  };
}

/** A column's findings, its values sent in batches as a table's (or, with `csv`, a CSV file's) are. */
function scanColumn(column: string, values: string[], csv = false): Finding[] {
  const sink = createRecordScanner(DEFAULT_SETTINGS)();
  for (let first = 0; first < values.length; first += BATCH_ROWS) {
    const batch = values.slice(first, first + BATCH_ROWS);
    sink.scan(
      toValuesRecord(
        (csv ? csvOriginOf : columnOrigin)(column),
        batch,
        Int32Array.from(batch, (_, i) => first + i + 1),
        column,
      ),
    );
  }
  return sink.findings();
}

const verdicts = (findings: Finding[]) => findings.map((f) => `${f.detector} ${f.form}`).sort();
const orders = fixtureTables().find((t) => t.name === 'orders')!;
const refs = orders.rows.map((row) => String(row[2]));
const phoneLike = refs.filter((_, i) => isPhoneLikeRef(i + 1));

describe('column verdicts', () => {
  it('finds the handful of phone-like references when they are a column of their own', () => {
    expect(phoneLike.length).toBeGreaterThanOrEqual(10);
    expect(phoneLike.length).toBeLessThan(refs.length / 1000);
    expect(scanColumn('callback', phoneLike)).toEqual([
      expect.objectContaining({ detector: 'phone', form: 'plaintext', share: 1 }),
    ]);
  });

  it('does not report a column of single tokens where a handful pass a phone check', () => {
    expect(scanColumn('carrier_tracking', refs)).toEqual([]);
    expect(scanColumn('customer_ref', refs)).toEqual([]);
  });

  it('weighs the share: a quarter of the values matching whole is a column of that kind', () => {
    const mixed = [...phoneLike, ...phoneLike, ...refs.slice(0, phoneLike.length * 5)];
    const found = scanColumn('carrier_tracking', mixed);
    expect(found).toEqual([
      expect.objectContaining({
        detector: 'phone',
        share: Number(((phoneLike.length * 2) / mixed.length).toPrecision(3)),
      }),
    ]);
  });

  it('weighs the share among the values no other detector found: a login column of emails and some phone numbers', () => {
    const logins = [
      ...phoneLike,
      ...Array.from({ length: phoneLike.length * 6 }, (_, i) => `user${i}@example.com`),
      ...refs.slice(0, phoneLike.length),
    ];
    expect(verdicts(scanColumn('login', logins))).toEqual(['email plaintext', 'phone plaintext']);
  });

  it('does not report phone or card numbers in an id-like column, at any share, unless its name names the kind', () => {
    expect(scanColumn('customer_ref', phoneLike)).toEqual([]);
    expect(scanColumn('anon_id', phoneLike)).toEqual([]);
    expect(scanColumn('invoice_no', phoneLike)).toEqual([]);
    expect(verdicts(scanColumn('mobile_no', phoneLike))).toEqual(['phone plaintext']);
    expect(scanColumn('payment_id', ['4111111111111111', '5555555555554444'])).toEqual([]);
    expect(verdicts(scanColumn('payment_card_id', ['4111111111111111', '5555555555554444']))).toEqual([
      'credit_card plaintext',
    ]);
    expect(verdicts(scanColumn('phone_ref', phoneLike))).toEqual(['phone plaintext']);
    // A contact number is a phone number, written bare too.
    expect(verdicts(scanColumn('contact_number', ['2025550143', '2025550178']))).toEqual(['phone plaintext']);
  });

  it('does not report phone, card or SSN numbers in a column named for another kind, valid or not', () => {
    // Dashed 3-3-4 numbers: one a valid NHS number, the others valid US phone numbers failing mod 11.
    const nhs = ['943-476-5919', '202-555-0143', '202-555-0178'];
    expect(verdicts(scanColumn('nhs_number', nhs))).toEqual(['uk_nhs plaintext']);
    expect(verdicts(scanColumn('nhs_number', nhs, true))).toEqual(['uk_nhs plaintext']);
    expect(verdicts(scanColumn('account_iban', ['4111 1111 1111 1111']))).toEqual([]);
    expect(verdicts(scanColumn('social_insurance_number', ['536221234']))).toEqual([]);
    expect(verdicts(scanColumn('phone', nhs))).toEqual(['phone plaintext']);
  });

  it('reports a match inside longer text at any share', () => {
    const notes = refs
      .slice(0, 2000)
      .map((r, i) => (i === 7 ? `customer asked to call ${phoneLike[0]} tomorrow` : `order ${r} packed`));
    expect(scanColumn('notes', notes)).toEqual([expect.objectContaining({ detector: 'phone', share: 0.0005 })]);
  });

  it('does not read dotted quads in a version or build column as IP addresses', () => {
    const versions = ['10.2.0.13', '4.18.2.1', '1.0.0.7'];
    expect(scanColumn('version', versions)).toEqual([]);
    expect(scanColumn('build_number', versions)).toEqual([]);
    expect(verdicts(scanColumn('client_ip', versions))).toEqual(['ip_address plaintext']);
    // Servers' addresses are not a person's, even in a column named for addresses.
    expect(scanColumn('server_ip', ['10.0.0.12', '10.0.0.13'])).toEqual([]);
    expect(scanColumn('dns_server', ['192.0.2.53'])).toEqual([]);
  });

  it('gives a column of masked cards one masked card finding, whatever the mask', () => {
    const masks = ['****-****-****-1111', '***********0005', '***-**-4242', 'XXXX XXXX XXXX 4444'];
    expect(verdicts(scanColumn('card_masked', masks))).toEqual(['credit_card masked']);
    expect(verdicts(scanColumn('masked_value', ['***********0005']))).toEqual(['credit_card masked']);
  });

  it('reads a masked IBAN as an IBAN, not as a card', () => {
    const masked = ['GB82 **** **** **** 7654 32', 'DE89 3704 **** **** **30 00'];
    expect(verdicts(scanColumn('iban_masked', masked))).toEqual(['iban masked']);
    expect(verdicts(scanColumn('payout_account', masked))).toEqual(['iban masked']);
  });

  it('gives an encrypted column with placeholders and x-runs in its base64 one encrypted finding', () => {
    const ciphertext = [
      'n/a',
      'REDACTED',
      'q1xXxZ9mT4p0LrS7vW2yB5nC8dF3gH6jK0lM1nO4pQ7s',
      'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdEfGhIjKlMnOpQrStUvWxYz01',
    ];
    expect(verdicts(scanColumn('email_enc', ciphertext))).toEqual(['email encrypted']);
    // Base64 wrapped at 76 characters (PostgreSQL's encode() does so), its line ends turned into spaces.
    const wrapped = Buffer.from(Array.from({ length: 120 }, (_, i) => (i * 151 + 7) % 256))
      .toString('base64')
      .replace(/.{76}/g, '$& ');
    expect(wrapped).toContain(' ');
    expect(classifyStoredForm(wrapped)).toMatchObject({ form: 'encrypted' });
  });

  it('counts the few values of another stored form in the main one; two forms of many values stay two', () => {
    const random = createRandom(7);
    const ciphertexts = Array.from({ length: 200 }, () =>
      Buffer.from(Array.from({ length: 48 }, () => Math.floor(random() * 256))).toString('base64'),
    );
    const column = [...ciphertexts, '***@***.com', 'n/a', '***@***.com'];
    expect(scanColumn('email_enc', column)).toEqual([
      expect.objectContaining({ form: 'encrypted', count: 202, share: Number((202 / 203).toPrecision(3)) }),
    ]);
    const digests = ciphertexts.map((c) => Buffer.from(c, 'base64').subarray(0, 32).toString('hex'));
    expect(verdicts(scanColumn('email_secure', [...ciphertexts.slice(0, 100), ...digests.slice(0, 100)]))).toEqual([
      'email encrypted',
      'email hashed',
    ]);
    expect(verdicts(scanColumn('email_secure', [...ciphertexts, 'jane@example.com']))).toEqual([
      'email encrypted',
      'email plaintext',
    ]);
  });

  it("judges a CSV file's columns as a table's: codes and things' names are not PII, a share is given", () => {
    // PAN-shaped codes (five letters, four digits, a letter) pass the holder-type check one time in three.
    const skus = ['QWEPK4821Z', 'MNBCV1234L', 'ZXCFA9876Q', 'LKJHG5555T'];
    expect(scanColumn('sku', skus, true)).toEqual([]);
    expect(scanColumn('product_name', ['Grace Hopper Edition', 'Victoria Sponge Mix'], true)).toEqual([]);
    expect(scanColumn('full_name', ['Grace Hopper', 'Victoria Adams', 'n/a', 'n/a'], true)).toEqual([
      expect.objectContaining({ detector: 'person_name', share: 0.5 }),
    ]);
    expect(verdicts(scanColumn('pan', skus.slice(0, 1), true))).toEqual(['in_pan plaintext']);
    // One fifteen-digit tracking number in a hundred passes the NIR's key by chance.
    const tracking = [...Array.from({ length: 99 }, (_, i) => String(356938035643800 + i * 7919)), '184127645108946'];
    expect(scanColumn('tracking_number', tracking, true).filter((f) => f.detector === 'fr_nir')).toEqual([]);
    expect(verdicts(scanColumn('nir', ['184127645108946'], true))).toEqual(['fr_nir plaintext']);
  });

  it('takes hashed or encrypted from the name when the value alone could be either', () => {
    const hex = 'a'.repeat(8) + '0123456789abcdef'.repeat(3) + 'f1e2d3c4';
    expect(toNamedForm(classifyStoredForm(hex)!, 'phone_enc')).toMatchObject({ form: 'encrypted' });
    expect(toNamedForm(classifyStoredForm(hex)!, 'phone_sha256')).toMatchObject({ form: 'hashed' });
    expect(toNamedForm(classifyStoredForm('j***@example.com')!, 'email_enc')).toMatchObject({ form: 'masked' });
    expect(verdicts(scanColumn('phone_enc', [hex, hex.replace('a', 'b')]))).toEqual(['phone encrypted']);
  });
});
