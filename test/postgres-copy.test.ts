import { describe, expect, it } from 'vitest';
import { readCopyBinary } from '../src/connectors/postgres-copy.js';
import type { RowSink } from '../src/connectors/database.js';

/** Binary COPY output as PostgreSQL writes it: signature, flags, a header extension, rows, the end mark. */
function copyBinary(rows: Array<Array<string | null>>, extension = Buffer.alloc(0)): Buffer {
  const parts = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.from([0, 0, 0, 0]), Buffer.alloc(4), extension];
  parts[2]!.writeInt32BE(extension.length);
  for (const row of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(row.length);
    parts.push(count);
    for (const value of row) {
      const length = Buffer.alloc(4);
      const bytes = value === null ? Buffer.alloc(0) : Buffer.from(value);
      length.writeInt32BE(value === null ? -1 : bytes.length);
      parts.push(length, bytes);
    }
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

async function* pieces(data: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let from = 0;
  for (const cut of [...cuts, data.length]) {
    yield data.subarray(from, cut);
    from = cut;
  }
}

async function read(chunks: AsyncIterable<Buffer>): Promise<Array<Array<string | null>>> {
  const rows: Array<Array<string | null>> = [[]];
  const sink: RowSink = {
    text: (_i, value) => void rows.at(-1)!.push(value),
    bytes: (_i, src, start, end) => void rows.at(-1)!.push(Buffer.from(src.subarray(start, end)).toString('utf8')),
    endRow: () => void rows.push([]),
    wait: () => undefined,
  };
  await readCopyBinary(chunks, sink);
  return rows.slice(0, -1);
}

const ROWS = [
  ['ann@example.com', null, '', 'line\nbreak\ttab \\ backslash'],
  ['日本語 🎉', '+1 202-555-0143', null, 'x'.repeat(300)],
  [null, null, null, null],
];

describe('binary COPY rows', () => {
  it('reads every row whole wherever the chunks are cut', async () => {
    const data = copyBinary(ROWS, Buffer.from('ext'));
    expect(await read(pieces(data, []))).toEqual(ROWS);
    for (let cut = 1; cut < data.length; cut++) expect(await read(pieces(data, [cut])), `cut at ${cut}`).toEqual(ROWS);
    // A byte at a time: every field and length split, rows carried across many chunks.
    expect(await read(pieces(data, Array.from({ length: data.length - 1 }, (_, i) => i + 1)))).toEqual(ROWS);
  });

  it('drains what follows the end mark and fails on output that is not binary COPY or stops mid-row', async () => {
    expect(await read(pieces(Buffer.concat([copyBinary(ROWS), Buffer.from('after')]), []))).toEqual(ROWS);
    await expect(read(pieces(Buffer.from('ann@example.com\t\\N\nmore text here\n'), []))).rejects.toThrow('COPY output is not in the binary format');
    const whole = copyBinary(ROWS);
    await expect(read(pieces(whole.subarray(0, whole.length - 10), []))).rejects.toThrow('COPY output ended in the middle of a row');
  });
});
