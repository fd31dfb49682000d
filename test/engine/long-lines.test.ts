// Long lines: the same matches, locations and samples as short ones, whatever their length.
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.js';
import type { Occurrence } from '../../src/engine/occurrence.js';
import { readFileRecords, type ReadStats } from '../../src/connectors/file-reader.js';
import { analyzeLine } from '../../src/engine/analyze-line.js';
import { createDetectorSet } from '../../src/engine/detector-set.js';
import { LONG_LINE } from '../../src/engine/long-line.js';
import { compileTextPattern, LONG_TEXT } from '../../src/engine/regex.js';
import { scanRecord } from '../../src/engine/scan-record.js';
import { makeTree, parseReport, runCli } from '../helpers.js';
import { fileOrigin } from '../scan-inputs.js';

/** Segments with one-, two-, three- and four-byte characters, some holding an email. */
const SEGMENTS = [
  'k1=v1 ',
  'café=é ',
  'note="中文" ',
  'mood=😀 ',
  'to=ana.lópez@example.com ',
  'x=😀b@example.org; ',
  'plain ',
];

function longText(minLength: number): { text: string; starts: number[] } {
  let text = '';
  const starts: number[] = [];
  for (let i = 0; text.length <= minLength; i++) {
    starts.push(text.length);
    text += SEGMENTS[i % SEGMENTS.length]!;
  }
  return { text, starts };
}

describe('text patterns on long texts', () => {
  const patterns = [
    String.raw`[\p{L}\p{N}._%+-]+@[a-z0-9.-]+\.[a-z]{2,}`,
    String.raw`(?P<key>[\p{L}_]+)=(?P<value>[^\s;]+)`,
  ];

  it.each(patterns)('gives each match of %s where a short text gives it, in UTF-16 units', (source) => {
    const pattern = compileTextPattern(source);
    const { text, starts } = longText(3 * LONG_TEXT);
    const expected = starts.flatMap((start, i) =>
      pattern
        .matchAll(SEGMENTS[i % SEGMENTS.length]!)
        .map((m) => ({ ...m, index: m.index + start, valueIndex: m.valueIndex + start })),
    );
    const found = pattern.matchAll(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(expected);
    expect(pattern.matchAll(text, Buffer.from(text))).toEqual(expected);
    for (const m of found) expect(text.slice(m.valueIndex, m.valueIndex + m.value.length)).toBe(m.value);
  });
});

const set = createDetectorSet(detectors);
const options = { showValues: false, serviceField: 'service' };
const FILLER = 'k1=v1 k2=v2 k3=v3 k4=v4 k5=v5 k6=v6 k7=v7 k8=v8 k9=v9 k10=v10 ';
/** Findings whose context, fields and stored forms differ; each stands alone after the filler. */
const FINDINGS = [
  'email=ana.lopez@example.com ',
  'contact: bob@example.org ',
  'contact_and_billing_address_for_all_customer_notices_v2=bo@example.org ',
  'note="write to café.owner@example.net today" ',
  'customer_email_sha256=5d41402abc4b2a76b9719d911017c592 ',
  'mood=😀 card=4111111111111111 ',
  'tel: +1 202-555-0143 ',
  'client_ip=203.0.113.9 ssn=536-22-1234 ',
];

/** What a finding is, without its template: its place (UTF-16 column) and what was judged. */
function judged(o: Occurrence, shift = 0) {
  return {
    detector: o.detector,
    form: o.form,
    confidence: o.confidence,
    evidence: o.evidence,
    sample: o.sample,
    column: o.column + shift,
  };
}

/** A line of `count` findings, each after the filler; with each finding's judgement found alone. */
function longLine(count: number): { text: string; expected: ReturnType<typeof judged>[] } {
  let text = '';
  const expected: ReturnType<typeof judged>[] = [];
  for (let i = 0; i < count; i++) {
    const segment = FILLER + FINDINGS[i % FINDINGS.length]!;
    expected.push(...analyzeLine(set, { text: segment, line: 1 }, options).map((o) => judged(o, text.length)));
    text += segment;
  }
  return { text, expected };
}

describe('long lines', () => {
  it('judges each finding of a long line as it judges it on a short one', () => {
    const { text, expected } = longLine(Math.ceil((4 * LONG_LINE) / 150));
    expect(text.length).toBeGreaterThan(LONG_LINE);
    expect(new Set(expected.map((e) => e.detector))).toEqual(
      new Set(['email', 'credit_card', 'phone', 'ip_address', 'us_ssn']),
    );
    expect(expected.some((e) => e.form === 'hashed')).toBe(true);
    const found = analyzeLine(set, { text, line: 7, bytes: Buffer.from(text) }, options);
    expect(found.map((o) => judged(o))).toEqual(expected);
    expect(new Set(found.map((o) => o.line))).toEqual(new Set([7]));
  });

  // Read chunks shorter than the line limit are joined into pieces; longer ones (as files are
  // read) are cut into pieces where they lie, with a seam piece across each boundary.
  it.each([
    [1000, false],
    [3000, true],
  ])(
    'reads a line longer than the reader limit in pieces of %d-byte chunks and finds every match across the cuts',
    async (chunkBytes, chunksAsPieces) => {
      const { text, expected } = longLine(600);
      const dir = makeTree({ 'long.log': `first line\n${text}\nlast ann@example.com\n` });
      const origin = fileOrigin(dir, 'long.log');
      const stats: ReadStats = { bytes: 0, lines: 0, longLines: 0, binary: false };
      const found: Occurrence[] = [];
      let pieces = 0;
      let chunkViews = 0;
      for await (const record of readFileRecords(origin, stats, { chunkBytes, maxLineBytes: 2048 })) {
        if (record.kind === 'lines' && record.piece) {
          pieces++;
          // A view of a read chunk rather than a copy.
          if (record.data.buffer.byteLength === chunkBytes) chunkViews++;
        }
        found.push(...scanRecord(set, record, options));
      }
      expect(pieces).toBeGreaterThan(20);
      expect(chunkViews > 0).toBe(chunksAsPieces);
      expect(stats).toMatchObject({ lines: 3, longLines: 1 });
      const long = found.filter((o) => o.line === 2);
      expect(long.map((o) => judged(o))).toEqual(expected);
      expect(new Set(long.map((o) => o.template)).size).toBe(1);
      expect(found.filter((o) => o.line === 3).map((o) => o.column)).toEqual([6]);
    },
  );
});

describe('a long line through the CLI', () => {
  it('reports every email of a 3 MB line once, with its column and a masked sample', async () => {
    const emails = 300;
    const parts: string[] = [];
    const columns: number[] = [];
    let length = 0;
    for (let i = 0; length < 3 << 20; i++) {
      const part =
        i % 700 === 350 && columns.length < emails ? `to=user${columns.length}@example.com ` : `k${i}=v${i} café ${i} `;
      if (part.startsWith('to=')) columns.push(length + 4);
      parts.push(part);
      length += part.length;
    }
    const dir = makeTree({ 'logs/app.log': parts.join('') + '\n', 'piiscan.yaml': 'maxLocations: 0\n' });
    const result = await runCli(['scan', 'logs', '--format', 'json', '--jobs', '1'], dir);
    const report = parseReport(result.stdout);
    expect(result.exitCode).toBe(1);
    expect(report.coverage).toMatchObject({ lines: 1, longLines: 1 });
    expect(report.findings).toHaveLength(1);
    const [finding] = report.findings;
    expect(finding!.locations.map((l) => l.column)).toEqual(columns);
    expect(finding!.sample).toMatch(/^u\*+@example\.com$/);
    expect(result.stdout).not.toMatch(/user\d+@example\.com/);
  });
});
