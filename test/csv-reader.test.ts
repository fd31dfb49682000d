// CSV and TSV records as S3 objects deliver them: in chunks cut anywhere, even inside a character.
import { describe, expect, it } from 'vitest';
import { MAX_CSV_RECORD, readCsvRecords } from '../src/connectors/csv-reader.js';

/** The text's bytes in pieces of `size` bytes (cutting multi-byte characters when they fall so). */
async function* pieces(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function records(text: string, delimiter = ',', size = 7): Promise<string[][]> {
  const out: string[][] = [];
  for await (const batch of readCsvRecords(pieces(text, size), delimiter)) out.push(...batch);
  return out;
}

describe('readCsvRecords', () => {
  it('reads quoted delimiters, doubled quotes and line ends inside quotes, and skips empty lines', async () => {
    const text = 'id,email,notes\r\n1,jane@example.com,"called back, twice"\r\n\r\n2,"x""y@example.com","line one\nline two"\r\n';
    expect(await records(text)).toEqual([
      ['id', 'email', 'notes'],
      ['1', 'jane@example.com', 'called back, twice'],
      ['2', 'x"y@example.com', 'line one\nline two'],
    ]);
  });

  it('keeps characters whole when a chunk ends inside one, and drops a UTF-8 BOM', async () => {
    const text = '\ufeffname,email\nZoë Müller,zoë.müller@exämple.de\n';
    for (const size of [1, 2, 3, 5]) expect(await records(text, ',', size)).toEqual([['name', 'email'], ['Zoë Müller', 'zoë.müller@exämple.de']]);
  });

  it('reads TSV', async () => {
    expect(await records('email\tphone\njane@example.com\t+44 20 7946 0958\n', '\t')).toEqual([['email', 'phone'], ['jane@example.com', '+44 20 7946 0958']]);
  });

  it('counts every byte it reads', async () => {
    let bytes = 0;
    for await (const _batch of readCsvRecords(pieces('a,b\n1,2\n', 3), ',', (n) => (bytes += n))) void _batch;
    expect(bytes).toBe(8);
  });

  it('fails a record left open past the limit (an unclosed quote) instead of holding it all', async () => {
    const text = `a,b\n1,"${'x'.repeat(MAX_CSV_RECORD + 10)}\n2,3\n`;
    await expect(records(text, ',', 64 * 1024)).rejects.toThrow(/^a CSV record runs over 1 MiB \(an unclosed quote\?\)$/);
  });

  it('stops reading when the reader stops early', async () => {
    let read = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      for (;;) {
        read++;
        yield Buffer.from('a,b\n'.repeat(10_000));
      }
    }
    for await (const batch of readCsvRecords(endless(), ',')) {
      expect(batch[0]).toEqual(['a', 'b']);
      break;
    }
    expect(read).toBeLessThan(10);
  });
});
