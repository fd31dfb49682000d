// Stage one (the byte scanner) only skips lines in which stage two would find nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectors } from '../detectors/index.js';
import { createDetectorSet } from '../src/engine/detector-set.js';
import { analyzeLine } from '../src/engine/analyze-line.js';
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
