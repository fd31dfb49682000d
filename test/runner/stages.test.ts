// Stage one (the byte scanner) only skips lines in which stage two would find nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.js';
import type { Detector } from '../../src/engine/detector.js';
import { createDetectorSet } from '../../src/engine/detector-set.js';
import { analyzeLine } from '../../src/engine/analyze-line.js';
import { scanValues } from '../../src/engine/column/scan-values.js';
import { toValuesRecord } from '../../src/connectors/values-record.js';
import { compileTextPattern } from '../../src/engine/regex.js';
import { ROOT } from '../helpers.js';
import { columnOrigin } from '../scan-inputs.js';

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
  const lines = [
    ...fixtureLines(),
    ...extraLines,
    ...detectors.flatMap((d) => d.examples.positive.filter((e) => !e.hint).map((e) => e.text)),
  ];

  it.each(lines.filter((l) => analyzeLine(set, { text: l, line: 1 }, options).length > 0))('flags %s', (line) => {
    expect(set.scanner.next(Buffer.from(line), 0)).toBeGreaterThanOrEqual(0);
  });

  it('finds something in the extra lines, so the check above covers them', () => {
    for (const line of extraLines)
      expect(analyzeLine(set, { text: line, line: 1 }, options).length, line).toBeGreaterThan(0);
  });

  it('matches field words only at a word start', () => {
    expect(set.scanner.next(Buffer.from('trace span_id=f6f210579e1be4b2 accepted=true hotel=ritz'), 0)).toBe(-1);
  });

  it('searches on from a line start, where a line-start word counts as one, and gives offsets in the whole buffer', () => {
    // `email=` opens the second line: a field word at a line start (the scanner's (?m:^) and \b).
    const chunk = Buffer.from(
      'trace span_id=f6f210579e1be4b2\nemail=5d41402abc4b2a76b9719d911017c592\nok\nsms to +1 202-555-0143\n',
    );
    const second = chunk.indexOf('email=');
    expect(set.scanner.next(chunk, 0)).toBe(second);
    expect(set.scanner.next(chunk, second)).toBe(second);
    const phone = chunk.indexOf('+1');
    expect(set.scanner.next(chunk, chunk.indexOf('ok'))).toBe(phone);
    expect(set.scanner.next(chunk, chunk.indexOf('\n', phone) + 1)).toBe(-1);
  });
});

// Matches come back at the string's UTF-16 offsets, whatever characters come before them.
describe('match offsets', () => {
  const pattern = compileTextPattern(String.raw`(?i)key=(?P<value>[\p{L}0-9]+)`);
  const expected = (text: string) =>
    [...text.matchAll(/key=([\p{L}0-9]+)/giu)].map((m) => ({
      text: m[0],
      index: m.index,
      value: m[1],
      valueIndex: m.index + 4,
    }));

  it.each([
    ['ASCII', 'a key=abc b KEY=def'],
    ['accents and CJK before and inside', 'é日本 key=müller x key=東京2 y'],
    ['characters outside the BMP (two UTF-16 units)', '😀 key=a1 😀😀 key=ß9'],
  ])('are UTF-16 offsets in %s text', (_, text) => {
    expect(pattern.matchAll(text)).toEqual(expected(text));
  });
});

// A column's values go through the engine in batches (one RE2 call per pattern for many values).
// Whatever the batch, every value must come out as if it had been scanned alone.
describe('batches of column values', () => {
  const origin = columnOrigin();
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
    scanValues(
      set,
      toValuesRecord(
        origin,
        vals,
        vals.map((_, i) => firstRow + i),
        hint,
      ),
      options,
    );

  it.each(['email', 'phone_number', 'notes', 'customer_email_sha256', 'api_token', 'ssn'])(
    'column %s: a batch finds what each value alone finds',
    (hint) => {
      const alone = values.flatMap((v, i) => scan([v], hint, i + 1));
      const batched = scan(values, hint, 1);
      expect(alone.length).toBeGreaterThan(0);
      expect(batched).toEqual(alone);
    },
  );

  it('gives every row of a repeated value the occurrences that value alone gives, with its own row', () => {
    const repeated = [...values, 'call back on 020 7946 0958', ...values, 'call back on 020 7946 0958', 'no notes'];
    for (const hint of ['notes', 'email', 'phone_number']) {
      const alone = repeated.flatMap((v, i) => scan([v], hint, i + 1));
      expect(alone.filter((o) => o.line > values.length).length).toBeGreaterThan(0);
      expect(scan(repeated, hint, 1)).toEqual(alone);
    }
  });

  it('runs past 32 values per call and keeps row numbers', () => {
    const many = Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? `user${i}@example.com` : 'no notes'));
    const rows = scan(many, 'email', 1).map((o) => o.line);
    expect(rows).toEqual(many.flatMap((v, i) => (v.includes('@') ? [i + 1] : [])));
  });
});

// Batches of one shape (every value one whole match, or only stored forms) take a fast path that
// makes no RE2 call per value. Each must find what the general path finds value by value.
describe('batches of one shape', () => {
  const origin = columnOrigin();
  const general = (values: string[], hint: string) =>
    values.flatMap((v, i) => analyzeLine(set, { text: v, line: i + 1, hint, template: false }, options));
  const batch = (values: string[], hint: string, maxLocations?: number) =>
    scanValues(
      set,
      toValuesRecord(
        origin,
        values,
        values.map((_, i) => i + 1),
        hint,
      ),
      { ...options, ...(maxLocations ? { maxLocations } : {}) },
    );
  const shapes: Array<[string, string[]]> = [
    ...detectors
      .filter((d) => d.fieldNames.length > 0)
      .map((d): [string, string[]] => [d.fieldNames[0]!, d.examples.positive.map((e) => e.value ?? e.text)]),
    [
      'email',
      [
        'user1@example.com',
        'Zoë.Müller@example.com',
        'j***@example.com',
        'user%40example.com',
        'logo@2x.png',
        'git@github.com',
      ],
    ],
    ['phone', ['+1 202-555-0143', '+44 20 7946 0958', '+1 202-555-01', '+49 30 12345678', '+99 123 456 789']],
    [
      'email_sha256',
      [
        '5d41402abc4b2a76b9719d911017c592',
        'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c',
        'n/a',
        'vault:v1:8SDd3WHDOjf7mq69CyCqYjBXAiQQAVZRkFM13ok481zoCmHnSeDX9vyf7w==',
        'tok_4f8Kq2LmZx7Vt4Rw',
      ],
    ],
    ['ssn', ['536-22-1234', '536221234', '***-**-1234', '000-12-3456']],
  ];

  it.each(shapes)('column %s: the batch finds what each value finds alone', (hint, values) => {
    const many = [...values, ...values, ...values];
    const expected = general(many, hint);
    expect(expected.length).toBeGreaterThan(0);
    expect(batch(many, hint)).toEqual(expected);
  });

  // A column of digests is checked in one pass over its bytes; these batches each break that
  // shape in one way and must still find what the values find alone.
  const sha256 = (i: number) => createHash('sha256').update(`user${i}`).digest('hex');
  it.each<[string, string[]]>([
    ['all sha256 digests', Array.from({ length: 40 }, (_, i) => sha256(i))],
    ['upper-case digests', Array.from({ length: 40 }, (_, i) => sha256(i).toUpperCase())],
    [
      'a line of zeros among digests (a placeholder)',
      Array.from({ length: 40 }, (_, i) => (i === 17 ? '0'.repeat(64) : sha256(i))),
    ],
    [
      'an md5 among sha256 digests',
      Array.from({ length: 40 }, (_, i) => (i === 5 ? sha256(i).slice(0, 32) : sha256(i))),
    ],
    [
      'a non-hex character in one digest',
      Array.from({ length: 40 }, (_, i) => (i === 39 ? `${sha256(i).slice(0, 63)}g` : sha256(i))),
    ],
    ['a digest with a space before it', Array.from({ length: 40 }, (_, i) => (i === 0 ? ` ${sha256(i)}` : sha256(i)))],
  ])('column email_sha256, %s: the batch finds what each value finds alone', (_name, values) => {
    const expected = general(values, 'email_sha256');
    expect(expected.length).toBeGreaterThan(30);
    expect(batch(values, 'email_sha256')).toEqual(expected);
    expect(batch(values, 'email_sha256', 3).reduce((n, o) => n + (o.count ?? 1), 0)).toBe(expected.length);
  });

  it('keeps values with different verdicts apart (valid and unchecked phone numbers, clear and masked emails)', () => {
    const phones = ['+1 202-555-0143', '+44 20 7946 0958', '+1 202-555-0143', '+49 30 12345678'];
    expect(batch(phones, 'phone')).toEqual(general(phones, 'phone'));
    const emails = [
      'user1@example.com',
      'j***@example.com',
      'user2@example.com',
      'k***@example.com',
      'user3@example.com',
    ];
    const found = batch(emails, 'email');
    expect(found).toEqual(general(emails, 'email'));
    expect(found.map((o) => o.form)).toEqual(['plaintext', 'masked', 'plaintext', 'masked', 'plaintext']);
  });

  // An email column of ordinary addresses is judged by its first value (`unusualValue`); one that
  // the validator or the normalisation could treat otherwise must send the batch value by value.
  it.each<[string, string]>([
    ['a 65-character local part', `${'a'.repeat(65)}@example.com`],
    ['a 64-character label', `user@${'b'.repeat(64)}.example.com`],
    ['a label of 32 astral letters (64 UTF-16 code units)', `user@${'𝒜'.repeat(32)}.example.com`],
    ['a file name', 'logo@2x.png'],
    ['an SSH user', 'GIT@github.com'],
    ['URL encoding', 'user%40example.com'],
    ['a mask run', 'j**@example.com'],
    ['a mask run of bullets', 'j••@example.com'],
  ])('column email with %s among ordinary addresses: the batch finds what each value finds alone', (_name, unusual) => {
    const values = Array.from({ length: 12 }, (_, i) => (i === 2 || i === 9 ? unusual : `user${i}@example.com`));
    const expected = general(values, 'email');
    expect(batch(values, 'email')).toEqual(expected);
    const counted = batch(values, 'email', 3);
    expect(counted.reduce((n, o) => n + (o.count ?? 1), 0)).toBe(expected.length);
    expect(new Set(counted.map((o) => `${o.form} ${o.sample}`))).toEqual(
      new Set(expected.map((o) => `${o.form} ${o.sample}`)),
    );
  });

  it('counts equal occurrences past the kept locations as one, with the same totals', () => {
    const values = Array.from({ length: 50 }, (_, i) => `user${i}@example.com`);
    const occurrences = batch(values, 'email', 3);
    expect(occurrences.length).toBe(4);
    expect(occurrences.map((o) => [o.line, o.count])).toEqual([
      [1, undefined],
      [2, undefined],
      [3, undefined],
      [4, 47],
    ]);
    expect(occurrences.slice(0, 3)).toEqual(general(values, 'email').slice(0, 3));
  });
});

describe('batches of one shape, with a pattern that beats the whole-value one', () => {
  // A short pattern inside the whole-value one, with a higher score: it wins value by value, so it
  // must win in the batch too.
  const code: Detector = {
    id: 'code',
    description: 'test detector',
    category: 'contact',
    sensitivity: 'standard',
    identifier: 'indirect',
    patterns: [
      { name: 'code.long', regex: String.raw`[A-Z]{2}\d{4}`, score: 0.3 },
      { name: 'code.digits', regex: String.raw`\d{4}`, score: 0.9 },
    ],
    contextWords: [],
    fieldNames: ['code'],
    mask: (v) => `${v[0]}***`,
    examples: { positive: [], negative: [] },
  };
  const codeSet = createDetectorSet([code]);
  const origin = columnOrigin();

  it('keeps the winner of each value', () => {
    const values = ['AB1234', 'CD5678', 'EF9012'];
    const expected = values.flatMap((v, i) =>
      analyzeLine(codeSet, { text: v, line: i + 1, hint: 'code', template: false }, options),
    );
    expect(expected.map((o) => o.evidence.pattern)).toEqual(['code.digits', 'code.digits', 'code.digits']);
    const batched = scanValues(codeSet, toValuesRecord(origin, values, [1, 2, 3], 'code'), options);
    expect(batched).toEqual(expected);
  });
});
