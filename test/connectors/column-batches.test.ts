// Column batches: values given as byte ranges of the buffers they arrived in (PostgreSQL's COPY)
// are copied into one text a column, four bytes at a time, with their own line ends as spaces.
import { describe, expect, it } from 'vitest';
import { BATCH_ROWS, createColumnBatches } from '../../src/connectors/column-batches.js';
import type { ValuesRecord } from '../../src/connectors/values-record.js';
import { columnOrigin } from '../scan-inputs.js';

const origin = columnOrigin();

function collect(columns: number) {
  const records: ValuesRecord[] = [];
  const batches = createColumnBatches(
    Array.from({ length: columns }, (_, i) => ({ origin, name: `c${i}` })),
    { scan: (r) => records.push(r) },
  );
  return { batches, records };
}

describe('column batches of byte values', () => {
  // Every length from 0 to 11 with a line end (or a byte like one) at every position: in the words
  // copied whole, in the bytes left over, at the start and at the end.
  const values: string[] = ['plain', 'user@example.com'];
  for (let length = 1; length <= 11; length++) {
    for (let at = 0; at < length; at++) {
      // Tabs and other control bytes (below 0x0e, as line ends are) are kept as they are.
      for (const end of ['\n', '\r', '\t', '\x0b', '\x00'])
        values.push(`${'x'.repeat(at)}${end}${'y'.repeat(length - at - 1)}`);
    }
  }
  values.push('two\r\nline ends', 'Zoë Müller\n日本');

  it('joins the values of a column by newlines, their own line ends turned into spaces', () => {
    const { batches, records } = collect(1);
    // Each value arrives in a buffer of its own, at an offset that is not a multiple of four.
    values.forEach((value, i) => {
      const src = Buffer.concat([Buffer.from('ab\x00'), Buffer.from(value), Buffer.from('\n\r')]);
      batches.addBytes(0, src, 3, 3 + Buffer.byteLength(value), i + 1);
    });
    batches.flush();
    expect(records).toHaveLength(1);
    expect(records[0]!.data.toString('utf8')).toBe(values.map((v) => v.replace(/[\r\n]/g, ' ')).join('\n'));
    expect(Array.from(records[0]!.rows)).toEqual(values.map((_, i) => i + 1));
  });

  it('keeps the values of each column apart when they come from one buffer, row by row', () => {
    const { batches, records } = collect(2);
    const rows = values.map((v, i) => [v, `row ${i}\n`]);
    const src = Buffer.from(rows.flat().join(''));
    let at = 0;
    rows.forEach((row, r) => {
      row.forEach((value, column) => {
        const length = Buffer.byteLength(value);
        batches.addBytes(column, src, at, at + length, r + 1);
        at += length;
      });
    });
    batches.flush();
    expect(records.map((r) => r.data.toString('utf8'))).toEqual([
      values.map((v) => v.replace(/[\r\n]/g, ' ')).join('\n'),
      rows.map(([, v]) => v!.replace('\n', ' ')).join('\n'),
    ]);
  });

  it('grows past a batch of rows, and hands over row numbers and text in memory of their own', () => {
    const { batches, records } = collect(1);
    const src = Buffer.from('abcdefgh');
    for (let row = 1; row <= 3 * BATCH_ROWS; row++) batches.addBytes(0, src, 0, 1 + (row % 8), row);
    batches.flush();
    const [record] = records;
    expect(record!.rows.length).toBe(3 * BATCH_ROWS);
    expect(record!.rows[3 * BATCH_ROWS - 1]).toBe(3 * BATCH_ROWS);
    for (const view of [record!.data, record!.rows as Int32Array]) {
      expect(view.byteOffset).toBe(0);
      expect(view.byteLength).toBe(view.buffer.byteLength);
    }
    // The batch starts again empty.
    batches.addBytes(0, src, 0, 3, 1);
    batches.flush();
    expect(records[1]!.data.toString()).toBe('abc');
    expect(Array.from(records[1]!.rows)).toEqual([1]);
  });
});
