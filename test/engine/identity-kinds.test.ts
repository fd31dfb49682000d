// Names, birth dates and addresses (issue 16): their masked and hashed forms, column shares, and
// log lines full of capitalised words, places, timestamps and dates that hold none of them.
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.js';
import { createDetectorSet } from '../../src/engine/detector-set.js';
import { analyzeLine } from '../../src/engine/analyze-line.js';
import { scanColumn } from './column/column-path.js';

const set = createDetectorSet(detectors);
const forms = (line: string) =>
  analyzeLine(set, { text: line, line: 1 }, { showValues: false, serviceField: 'service' }).map(
    (o) => `${o.detector}:${o.form}`,
  );
const SHA256 = '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae';
const IDENTITY_KINDS = ['person_name', 'date_of_birth', 'postal_address', 'postal_code'];

describe('stored forms of names, birth dates and addresses', () => {
  it.each([
    [`{"name_sha256":"${SHA256}"}`, 'person_name:hashed'],
    [`{"customer":{"dob_hash":"${SHA256}"}}`, 'date_of_birth:hashed'],
    [`address_sha256=${SHA256}`, 'postal_address:hashed'],
    ['notify name=J*** D** queued', 'person_name:masked'],
    ['kyc dob=**/**/1985 verified', 'date_of_birth:masked'],
  ])('%s is %s', (line, form) => {
    expect(forms(line)).toEqual([form]);
  });

  it('finds a name_sha256 column hashed, and a full_name column plaintext with its share', () => {
    const hashed = scanColumn({ set, column: 'name_sha256', values: [SHA256, SHA256], encoding: 'strings' });
    expect(new Set(hashed.map((o) => `${o.detector}:${o.form}`))).toEqual(new Set(['person_name:hashed']));
    const names = scanColumn({
      set,
      column: 'full_name',
      values: ['Jane Doe', 'Wei Zhang', 'N/A', 'Fatima Ahmed', 'Order Service'],
      encoding: 'bytes',
    });
    expect(names.filter((o) => o.detector === 'person_name').map((o) => o.line)).toEqual([1, 2, 4]);
  });

  it('takes a name the dictionary lacks under a first_name column, not under a bare name column', () => {
    const found = (column: string) =>
      scanColumn({ set, column, values: ['Oluwaseun', 'Kwame'], encoding: 'strings' }).filter(
        (o) => o.detector === 'person_name',
      ).length;
    expect(found('first_name')).toBe(2);
    expect(found('name')).toBe(0);
  });
});

/** Log lines with capitalised service, class and product names, cities, timestamps and dates. */
const HARD_NEGATIVES = [
  '2026-11-01T10:00:00.123Z INFO  [main] com.acme.orders.OrderService - Order Service started in 2.3 seconds',
  '2026-11-01 10:00:01,456 WARN  PaymentGateway - Payment Failed for order 88231, retrying',
  '2026-11-01 10:00:02 INFO Started OrderApplication in 4.12 seconds (JVM running for 5.01)',
  'Nov 01 10:00:03 web-01 nginx[2211]: GET /cities/New York HTTP/1.1 200',
  '{"ts":"2026-11-01T10:00:04Z","level":"info","msg":"Shipping from San Francisco to New York","carrier":"Royal Mail"}',
  '{"service_name":"Kafka Consumer","created_at":"2026-11-01T10:00:05Z","expiry_date":"2027-01-31"}',
  '2026-11-01 10:00:06 DEBUG Spring Boot Admin registered Grant Stone Service at http://admin:8080',
  'user=JaneDoe42 ordered Apple MacBook Pro on 2025-10-30, delivery 2025-11-02',
  '2026-11-01 10:00:07 INFO Welcome Back banner shown; Happy Birthday campaign ends 2026-12-31',
  '{"event":"login","user":"mark.king","display_name":"Mark King","at":"2026-11-01T10:00:08Z"}',
  '2026-11-01 10:00:09 INFO class=UserProfileController method=updateAddress took 12ms',
  '2026-11-01 10:00:10 INFO Hello World from Berlin, build 2024.11.01 released on 01/11/2024',
  '2026-11-01 10:00:11 INFO report generated for London, Paris and Berlin regions: 94105 rows',
  'created_at=1985-03-02 updated_at=2026-11-01 order_date=1990-12-31 status=Shipped',
  '2026-11-01 10:00:12 INFO zip archive logs_2026-11-01.zip written (10115 bytes)',
];

describe('precision on log lines', () => {
  it.each(HARD_NEGATIVES)('finds no name, birth date or address in %s', (line) => {
    expect(forms(line).filter((f) => IDENTITY_KINDS.some((k) => f.startsWith(`${k}:`)))).toEqual([]);
  });
});
