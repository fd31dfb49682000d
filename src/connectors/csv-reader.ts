/**
 * Records of a CSV or TSV stream (RFC 4180: quoted fields may hold delimiters, doubled quotes and
 * line ends), parsed by papaparse. Bytes are decoded here, so a character split between two
 * pieces stays whole, and a UTF-8 BOM is dropped. Memory stays bounded: a record still open after
 * MAX_CSV_RECORD characters (an unclosed quote) fails the read instead of growing without end.
 *
 * papaparse's Parser is driven directly, piece by piece, keeping the last, unfinished record for
 * the next piece (what its own streamers do). Its Node stream pauses every 16 records and then
 * parses the rest of its piece again, which made a CSV object cost seconds.
 */
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';

/** The longest record kept whole; a longer one fails its object. */
export const MAX_CSV_RECORD = 1 << 20;

/** The text's line end, from the first one in it (`\n` when it has none). */
function lineEndOf(text: string): '\n' | '\r\n' | '\r' {
  const at = text.search(/[\r\n]/);
  if (at === -1 || text[at] === '\n') return '\n';
  return text[at + 1] === '\n' ? '\r\n' : '\r';
}

/**
 * Yields the non-empty records each piece of the stream completes (each record its fields), as
 * one array a piece: a step of an async generator costs about as much as parsing a record.
 * `onBytes` is told of every piece as it is read.
 */
export async function* readCsvRecords(stream: AsyncIterable<Buffer>, delimiter: string, onBytes: (bytes: number) => void = () => {}): AsyncGenerator<string[][]> {
  const decoder = new StringDecoder('utf8');
  let parser: Papa.Parser | undefined;
  // The text not parsed yet: the start of a record that the next piece finishes.
  let rest = '';
  const parse = (last: boolean): string[][] => {
    if (parser === undefined) {
      // The line end is settled on the first line, so the first parse waits until one is whole.
      if (!last && !/[\r\n]/.test(rest) && rest.length <= MAX_CSV_RECORD) return [];
      if (rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
      parser = new Papa.Parser({ delimiter, newline: lineEndOf(rest) });
    }
    const { data, meta } = parser.parse(rest, 0, !last) as { data: string[][]; meta: { cursor: number } };
    rest = last ? '' : rest.slice(meta.cursor);
    if (rest.length > MAX_CSV_RECORD) throw new Error(`a CSV record runs over ${MAX_CSV_RECORD >> 20} MiB (an unclosed quote?)`);
    return data;
  };
  const records = (data: string[][]) => data.filter((record) => record.length > 1 || record[0] !== '');
  for await (const piece of stream) {
    onBytes(piece.length);
    rest += decoder.write(piece);
    const done = records(parse(false));
    if (done.length > 0) yield done;
  }
  rest += decoder.end();
  if (rest !== '') yield records(parse(true));
}
