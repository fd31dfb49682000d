// Realistic tables for column verdicts, the same rows for PostgreSQL and MariaDB: id-like and
// code columns whose values now and then pass a phone or card check, versions that are dotted
// quads, masked cards and IBANs, ciphertext with placeholders, and true positives beside them.
import { createRandom } from '../../src/connectors/seeded-random.js';

export interface FixtureTable {
  name: string;
  /** Column definitions, valid in PostgreSQL and MariaDB alike but for `INET`: PostgreSQL's inet, MariaDB's INET4. */
  columns: string;
  rows: Array<Array<string | number | null>>;
}

const ORDERS = 30_000;

function generator(seed: number) {
  const random = createRandom(seed);
  const digit = () => String(Math.floor(random() * 10));
  const digits = (n: number) => Array.from({ length: n }, digit).join('');
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => between(0, 255)));
  return { digits, between, bytes };
}

/** An EAN-13 barcode with its check digit (weights 1 and 3, not Luhn). */
function ean13(first12: string): string {
  const sum = [...first12].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return first12 + String((10 - (sum % 10)) % 10);
}

/** Whether row i of `orders` holds one of the handful of references that pass a phone check (a French number). */
export const isPhoneLikeRef = (i: number) => i % 2500 === 0;
/** Rows of `users` whose `email_enc` is a placeholder. */
export const isPlaceholder = (i: number) => i % 997 === 0 || i % 1499 === 0;

export function fixtureTables(): FixtureTable[] {
  const { digits, between, bytes } = generator(20261101);
  /** A 10-digit reference, or a handful of times a French geographic number. */
  const reference = (phoneLike: boolean) =>
    phoneLike ? `0${between(1, 5)}${digits(8)}` : `${between(1, 9)}${digits(9)}`;
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const pad3 = (i: number) => String(i % 1000).padStart(3, '0');
  return [
    {
      name: 'orders',
      columns:
        'id bigint PRIMARY KEY, order_number bigint, customer_ref varchar(16), carrier_tracking varchar(16), payment_id bigint, barcode varchar(13), status varchar(16)',
      rows: range(ORDERS).map((i) => [
        i,
        4_000_000_000 + i * 37,
        reference(isPhoneLikeRef(i)),
        reference(isPhoneLikeRef(i + 1250)),
        `4${digits(15)}`,
        ean13(`4${between(0, 4)}${digits(10)}`),
        'shipped',
      ]),
    },
    {
      name: 'app_versions',
      columns: 'id bigint PRIMARY KEY, version varchar(20), build varchar(20)',
      rows: range(400).map((i) => [
        i,
        `${between(1, 12)}.${between(0, 20)}.${between(0, 40)}.${between(1, 250)}`,
        `4.18.${i % 30}.${between(1, 250)}`,
      ]),
    },
    {
      name: 'payments',
      columns: 'id bigint PRIMARY KEY, card_masked varchar(24), amount bigint',
      // Visa and Mastercard masks in groups, Amex (15 digits) as one run.
      rows: range(2000).map((i) => [
        i,
        i % 5 === 0 ? `***********${digits(4)}` : `****-****-****-${digits(4)}`,
        between(100, 90_000),
      ]),
    },
    {
      name: 'users',
      columns: 'id bigint PRIMARY KEY, email varchar(80), email_enc text, phone_enc text',
      rows: range(5000).map((i) => [
        i,
        `user${i}@example.com`,
        isPlaceholder(i) ? (i % 2 === 0 ? 'n/a' : 'REDACTED') : bytes(48).toString('base64'),
        bytes(32).toString('hex'),
      ]),
    },
    {
      name: 'accounts',
      columns: 'id bigint PRIMARY KEY, iban_masked varchar(40), holder varchar(40)',
      rows: range(300).map((i) => [i, `GB${between(10, 99)} **** **** **** ${digits(4)} ${digits(2)}`, `holder ${i}`]),
    },
    {
      name: 'sessions',
      columns: 'id bigint PRIMARY KEY, client_ip INET, server_ip varchar(45), dns_server varchar(45)',
      rows: range(500).map((i) => [
        i,
        `203.0.113.${(i % 250) + 1}`,
        `10.0.${i % 4}.${(i % 20) + 1}`,
        `192.0.2.${(i % 2) + 53}`,
      ]),
    },
    {
      name: 'customers',
      columns: 'id bigint PRIMARY KEY, phone varchar(30), contact_number varchar(30), mobile bigint, notes text',
      rows: range(1000).map((i) => [
        i,
        `+44 20 7946 0${pad3(i)}`,
        `020 7946 0${pad3(i)}`,
        442_079_460_000 + (i % 1000),
        i % 10 === 0 ? 'call back on +44 20 7946 0958 after 5pm' : 'no answer',
      ]),
    },
  ];
}

/** What each column is (`table.column detector form`), sorted: the columns not listed hold no PII. */
export const EXPECTED_VERDICTS = [
  'accounts.iban_masked iban masked',
  'customers.contact_number phone plaintext',
  'customers.mobile phone plaintext',
  'customers.notes phone plaintext',
  'customers.phone phone plaintext',
  'payments.card_masked credit_card masked',
  'sessions.client_ip ip_address plaintext',
  'users.email email plaintext',
  'users.email_enc email encrypted',
  'users.phone_enc phone encrypted',
];
