// CSV and TSV records as S3 objects deliver them: in chunks cut anywhere, even inside a character
// or between a quote and the quote that doubles it.
import { describe, expect, it } from 'vitest';
import { MAX_CSV_RECORD, readCsv, type CsvSink } from '../../src/connectors/csv-reader.js';

/** The text's bytes in pieces of `size` bytes (cutting multi-byte characters when they fall so). */
async function* pieces(text: string | Buffer, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** What a read hands over: the header, then each record's number and its non-empty fields by column. */
interface Read {
  header: string[];
  records: Array<{ record: number; fields: Record<number, string> }>;
}

async function read(text: string | Buffer, delimiter = ',', size = 7): Promise<Read> {
  const out: Read = { header: [], records: [] };
  let current: Record<number, string> = {};
  const sink: CsvSink = {
    header: (names) => void (out.header = names),
    field: (column, src, start, end) => void (current[column] = src.toString('utf8', start, end)),
    endRecord: (record) => {
      out.records.push({ record, fields: current });
      current = {};
    },
  };
  await readCsv(pieces(text, size), delimiter, sink);
  return out;
}

/** The same read whatever size the pieces are cut to. */
async function readAnyCut(text: string, delimiter = ','): Promise<Read> {
  const whole = await read(text, delimiter, Buffer.byteLength(text));
  for (let size = 1; size <= 12; size++) expect(await read(text, delimiter, size)).toEqual(whole);
  return whole;
}

describe('readCsv', () => {
  it('reads quoted delimiters, doubled quotes and line ends inside quotes, skips blank lines and empty fields', async () => {
    const text =
      'id,email,notes\r\n1,jane@example.com,"called back, twice"\r\n\r\n2,"x""y@example.com","line one\nline two"\r\n3,,""\r\n';
    expect(await readAnyCut(text)).toEqual({
      header: ['id', 'email', 'notes'],
      records: [
        { record: 2, fields: { 0: '1', 1: 'jane@example.com', 2: 'called back, twice' } },
        { record: 3, fields: { 0: '2', 1: 'x"y@example.com', 2: 'line one\nline two' } },
        { record: 4, fields: { 0: '3' } },
      ],
    });
  });

  it('keeps characters whole when a chunk ends inside one, and drops a UTF-8 BOM', async () => {
    expect(await readAnyCut('\ufeffname,"e-mail ""work"""\nZoë Müller,zoë.müller@exämple.de\n')).toEqual({
      header: ['name', 'e-mail "work"'],
      records: [{ record: 2, fields: { 0: 'Zoë Müller', 1: 'zoë.müller@exämple.de' } }],
    });
  });

  it('reads TSV, and lone carriage returns as line ends', async () => {
    expect(await readAnyCut('email\tphone\njane@example.com\t+44 20 7946 0958\n', '\t')).toEqual({
      header: ['email', 'phone'],
      records: [{ record: 2, fields: { 0: 'jane@example.com', 1: '+44 20 7946 0958' } }],
    });
    expect(await readAnyCut('a,b\r1,"x\ry"\r2,3')).toEqual({
      header: ['a', 'b'],
      records: [
        { record: 2, fields: { 0: '1', 1: 'x\ry' } },
        { record: 3, fields: { 0: '2', 1: '3' } },
      ],
    });
  });

  it('reads malformed quoting as common readers do: literal quotes inside unquoted fields, text after a closing quote kept, an unclosed quote to the end', async () => {
    expect(await readAnyCut('a,b,c\nsay "hi",x"y,"ab"c\n"open,to the end\n')).toEqual({
      header: ['a', 'b', 'c'],
      records: [
        { record: 2, fields: { 0: 'say "hi"', 1: 'x"y', 2: 'abc' } },
        { record: 3, fields: { 0: 'open,to the end\n' } },
      ],
    });
  });

  it('reads a last record without a line end, ragged records, and a quoted field as the last of a CRLF line', async () => {
    expect(await readAnyCut('a,b\r\n1,2,3\r\n"4"\r\n5,')).toEqual({
      header: ['a', 'b'],
      records: [
        { record: 2, fields: { 0: '1', 1: '2', 2: '3' } },
        { record: 3, fields: { 0: '4' } },
        { record: 4, fields: { 0: '5' } },
      ],
    });
  });

  it('reads a record longer than a word at every offset (values found four bytes at a time)', async () => {
    for (let pad = 0; pad < 9; pad++) {
      const value = `${'x'.repeat(pad)}jane@example.com${'y'.repeat(pad)}`;
      expect((await read(`h1,h2\n${value},${value}\n${value}\n`, ',', 5)).records).toEqual([
        { record: 2, fields: { 0: value, 1: value } },
        { record: 3, fields: { 0: value } },
      ]);
    }
  });

  it('counts every byte it reads', async () => {
    let bytes = 0;
    await readCsv(pieces('a,b\n1,2\n', 3), ',', { header() {}, field() {}, endRecord() {} }, (n) => (bytes += n));
    expect(bytes).toBe(8);
  });

  it('fails a record left open past the limit (an unclosed quote) instead of holding it all', async () => {
    const text = `a,b\n1,"${'x'.repeat(MAX_CSV_RECORD + 10)}\n2,3\n`;
    await expect(read(text, ',', 64 * 1024)).rejects.toThrow(/^a CSV record runs over 1 MiB \(an unclosed quote\?\)$/);
  });

  it('stops reading, and closes the stream, when the sink fails', async () => {
    let read = 0;
    let closed = false;
    async function* endless(): AsyncGenerator<Buffer> {
      try {
        for (;;) {
          read++;
          yield Buffer.from('a,b\n'.repeat(10_000));
        }
      } finally {
        closed = true;
      }
    }
    const failing: CsvSink = {
      header: () => {},
      field: () => {
        throw new Error('sink failed');
      },
      endRecord: () => {},
    };
    await expect(readCsv(endless(), ',', failing)).rejects.toThrow('sink failed');
    expect(read).toBe(1);
    expect(closed).toBe(true);
  });

  it('refuses a delimiter that is not one ASCII character', async () => {
    await expect(read('a;b\n', ';;')).rejects.toThrow(/one ASCII character/);
  });
});
