// Stage one (the byte scanner) only skips lines in which stage two would find nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectors } from '../detectors/index.js';
import { createDetectorSet } from '../src/engine/detector-set.js';
import { analyzeLine } from '../src/engine/analyze-line.js';
import { scanValues, toValuesData } from '../src/engine/scan-values.js';
import { ROOT } from './helpers.js';

const set = createDetectorSet(detectors);
const options = { showValues: false, serviceField: 'service' };

function fixtureLines(): string[] {
  const dir = path.join(ROOT, 'fixtures/logs');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(log|jsonl)(\.\d+)?(\.gz)?$/.test(f))
    .flatMap((f) => {
      const raw = readFileSync(path.join(dir, f));
      return (f.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8').split('\n');
    });
}

const extraLines = [
  '{"customer_email_sha256":"5d41402abc4b2a76b9719d911017c592"}',
  'receipt userEmailMd5=5d41402abc4b2a76b9719d911017c592',
  'email_enc=vault:v1:8SDd3WHDOjf7mq69CyCqYjBXAiQQAVZRkFM13ok481zoCmHnSeDX9vyf7w==',
  'phone number on file 2025550143',
];

describe('stage one', () => {
  const lines = [...fixtureLines(), ...extraLines, ...detectors.flatMap((d) => d.examples.positive.filter((e) => !e.hint).map((e) => e.text))];

  it.each(lines.filter((l) => analyzeLine(set, { text: l, line: 1 }, options).length > 0))('flags %s', (line) => {
    expect(set.scanner.next(Buffer.from(line), 0)).toBeGreaterThanOrEqual(0);
  });

  it('finds something in the extra lines, so the check above covers them', () => {
    for (const line of extraLines) expect(analyzeLine(set, { text: line, line: 1 }, options).length, line).toBeGreaterThan(0);
  });

  it('matches field words only at a word start', () => {
    expect(set.scanner.next(Buffer.from('trace span_id=f6f210579e1be4b2 accepted=true hotel=ritz'), 0)).toBe(-1);
  });
});

// A column's values go through the engine in batches (one RE2 call per pattern for many values).
// Whatever the batch, every value must come out as if it had been scanned alone.
describe('batches of column values', () => {
  const origin = { siteKind: 'column' as const, path: 'db.t.c', source: 'db', uri: 'postgres://h/db/t.c', siteUri: 'postgres://h/db/t.c', defaultService: 'db', target: 'db' };
  const examples = detectors.flatMap((d) => d.examples.positive.concat(d.examples.negative).map((e) => e.text));
  const values = [
    ...examples,
    'user1@example.com',
    '+1 202-555-0143',
    'n/a',
    '5d41402abc4b2a76b9719d911017c592',
    'vault:v1:8SDd3WHDOjf7mq69CyCqYjBXAiQQAVZRkFM13ok481zoCmHnSeDX9vyf7w==',
    'j***@example.com',
    // A key whose `\s*` runs through the newline and takes the next value as its token.
    'password:',
    'token=Zx8Qv2Lm9Tr4Wp7Ks1Nb6Yc3Hd5Fg0',
    'first line\nsecond line with +44 20 7946 0958',
    'Zoë Müller, zoë.müller@example.com',
  ];
  const scan = (vals: string[], hint: string, firstRow: number) =>
    scanValues(set, { origin, kind: 'values', data: toValuesData(vals), rows: vals.map((_, i) => firstRow + i), hint }, options);

  it.each(['email', 'phone_number', 'notes', 'customer_email_sha256', 'api_token', 'ssn'])('column %s: a batch finds what each value alone finds', (hint) => {
    const alone = values.flatMap((v, i) => scan([v], hint, i + 1));
    const batched = scan(values, hint, 1);
    expect(alone.length).toBeGreaterThan(0);
    expect(batched).toEqual(alone);
  });

  it('runs past 32 values per call and keeps row numbers', () => {
    const many = Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? `user${i}@example.com` : 'no notes'));
    const rows = scan(many, 'email', 1).map((o) => o.line);
    expect(rows).toEqual(many.flatMap((v, i) => (v.includes('@') ? [i + 1] : [])));
  });
});
