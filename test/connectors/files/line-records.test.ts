// A stream read as records of whole lines: wherever its pieces split lines, the records hold every
// byte once, in order, each ending at a line's end, and number their lines as the text does.
import { describe, expect, it } from 'vitest';
import { readLineRecords, type ReadStats } from '../../../src/connectors/file-reader.js';
import type { RecordOrigin, ScanRecord } from '../../../src/connectors/records.js';
import { lineNumbers } from '../../../src/connectors/text-units.js';

const origin = { siteKind: 'file', path: 'a.log', source: '/a.log', uri: 'file://a.log', siteUri: 'file://a.log' };
const text = Array.from({ length: 60 }, (_, i) => `line ${i + 1} ${'x'.repeat((i * 37) % 90)}`).join('\n') + '\ntail';

async function records(cuts: number[]): Promise<{ records: ScanRecord[]; stats: ReadStats }> {
  const bytes = Buffer.from(text);
  const bounds = [0, ...cuts, bytes.length];
  async function* pieces() {
    for (let i = 0; i + 1 < bounds.length; i++) yield bytes.subarray(bounds[i], bounds[i + 1]);
  }
  const stats: ReadStats = { bytes: 0, lines: 0, longLines: 0, binary: false };
  const found: ScanRecord[] = [];
  for await (const r of readLineRecords(origin as RecordOrigin, pieces(), stats)) found.push(r);
  return { records: found, stats };
}

describe('line records', () => {
  it.each([
    ['whole', []],
    ['cut inside lines', [5, 200, 201, 900, 1500]],
    ['cut right after newlines', [text.indexOf('\n') + 1, text.indexOf('\nline 30') + 1]],
    ['a line over several pieces', [100, 110, 120, 130]],
  ])('%s', async (_, cuts) => {
    const { records: found, stats } = await records(cuts);
    expect(Buffer.concat(found.map((r) => (r.kind === 'lines' ? r.data : Buffer.alloc(0)))).toString()).toBe(text);
    let before = '';
    for (const [i, r] of found.entries()) {
      if (r.kind !== 'lines') throw new Error('a lines record expected');
      // Every record but the last ends a line; its first line's number is the text's.
      if (i < found.length - 1) expect(r.data[r.data.length - 1]).toBe(0x0a);
      expect(r.firstLine).toBe(before.split('\n').length);
      before += r.data.toString();
    }
    expect(stats.lines).toBe(61);
  });

  // Stage one numbers its candidate lines from the newlines the reader found in the same buffer;
  // a buffer the reader did not count (a copy, as a worker receives it) is counted as it goes.
  it('numbers the lines of a record from the offsets the reader kept as by counting', async () => {
    const { records: found } = await records([5, 200, 201, 900, 1500]);
    let numbered = 0;
    for (const r of found) {
      if (r.kind !== 'lines') throw new Error('a lines record expected');
      const starts = [0];
      for (let i = r.data.indexOf(0x0a); i !== -1 && i + 1 < r.data.length; i = r.data.indexOf(0x0a, i + 1))
        starts.push(i + 1);
      const kept = lineNumbers(r.data);
      const counted = lineNumbers(Buffer.from(r.data));
      const expected = starts.map((_, i) => i);
      expect(starts.map(kept)).toEqual(expected);
      expect(starts.map(counted)).toEqual(expected);
      // Every other line start, as stage one skips the lines without a candidate.
      const some = starts.filter((_, i) => i % 2 === 1);
      expect(some.map(lineNumbers(r.data))).toEqual(some.map(lineNumbers(Buffer.from(r.data))));
      numbered += starts.length;
    }
    expect(numbered).toBe(61);
  });
});
