import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createCopyRows } from '../../../src/connectors/postgres/copy.js';
import { copyOut } from '../../../src/connectors/postgres/copy-out.js';
import type { RowSink } from '../../../src/connectors/database/driver.js';

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

/** `data` cut at `cuts`. */
function pieces(data: Buffer, cuts: number[]): Buffer[] {
  return [0, ...cuts].map((from, i) => data.subarray(from, cuts[i] ?? data.length));
}

/** A sink that keeps each row's values as strings. */
function collector() {
  const rows: Array<Array<string | null>> = [[]];
  const sink: RowSink = {
    text: (_i, value) => void rows.at(-1)!.push(value),
    bytes: (_i, src, start, end) => void rows.at(-1)!.push(Buffer.from(src.subarray(start, end)).toString('utf8')),
    endRow: () => void rows.push([]),
    wait: () => undefined,
  };
  return { sink, rows: () => rows.slice(0, -1) };
}

/**
 * The rows of binary COPY data given in `chunks` (each pushed with a byte of padding around it, as
 * a piece of a larger buffer).
 */
function read(chunks: Buffer[]): Array<Array<string | null>> {
  const { sink, rows } = collector();
  const copy = createCopyRows(sink);
  for (const chunk of chunks)
    copy.push(Buffer.concat([Buffer.from('<'), chunk, Buffer.from('>')]), 1, chunk.length + 1);
  copy.end();
  return rows();
}

const ROWS = [
  ['ann@example.com', null, '', 'line\nbreak\ttab \\ backslash'],
  ['日本語 🎉', '+1 202-555-0143', null, 'x'.repeat(300)],
  [null, null, null, null],
];

describe('binary COPY rows', () => {
  it('reads every row whole wherever the pieces are cut', () => {
    const data = copyBinary(ROWS, Buffer.from('ext'));
    expect(read(pieces(data, []))).toEqual(ROWS);
    for (let cut = 1; cut < data.length; cut++) expect(read(pieces(data, [cut])), `cut at ${cut}`).toEqual(ROWS);
    // A byte at a time: every field and length split, rows carried across many pieces.
    expect(
      read(
        pieces(
          data,
          Array.from({ length: data.length - 1 }, (_, i) => i + 1),
        ),
      ),
    ).toEqual(ROWS);
  });

  it('ignores what follows the end mark and fails on output that is not binary COPY or stops mid-row', () => {
    expect(read(pieces(Buffer.concat([copyBinary(ROWS), Buffer.from('after')]), []))).toEqual(ROWS);
    expect(() => read(pieces(Buffer.from('ann@example.com\t\\N\nmore text here\n'), []))).toThrow(
      'COPY output is not in the binary format',
    );
    const whole = copyBinary(ROWS);
    expect(() => read(pieces(whole.subarray(0, whole.length - 10), []))).toThrow(
      'COPY output ended in the middle of a row',
    );
  });
});

/** A backend message: its type, its length (counting itself), its payload. */
function message(type: string, payload: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(payload.length + 4, 1);
  return Buffer.concat([header, payload]);
}

/**
 * What the server sends for a COPY of `rows`: CopyOutResponse, a notice, CopyData messages (the
 * last holding the end mark), CopyDone.
 */
function copyMessages(rows: Array<Array<string | null>>): Buffer {
  const data = copyBinary(rows);
  const trailer = data.length - 2;
  const half = Math.floor(trailer / 2);
  return Buffer.concat([
    message('H', Buffer.from([1, 0, 0])),
    message('d', data.subarray(0, half)),
    message('N', Buffer.from('SNOTICE\0Mnothing to see\0\0')),
    message('d', data.subarray(half, trailer)),
    message('d', data.subarray(trailer)),
    message('c'),
  ]);
}

const TAIL = Buffer.concat([message('C', Buffer.from('COPY 3\0')), message('Z', Buffer.from('I'))]);

/**
 * The CopyData messages as PostgreSQL frames them: the header with the first row, then a row a
 * message, then the end mark alone. `joined` rows from that index on share one message instead.
 */
function copyMessagesAsPostgres(rows: Array<Array<string | null>>, joined = rows.length): Buffer {
  const data = copyBinary(rows);
  const rowEnds = rows.map((_, i) => copyBinary(rows.slice(0, i + 1)).length - 2);
  const messages = [message('H', Buffer.from([1, 0, 0]))];
  let from = 0;
  rowEnds.forEach((end, i) => {
    if (i >= joined && i < rows.length - 1) return;
    messages.push(message('d', data.subarray(from, end)));
    from = end;
  });
  messages.push(message('d', data.subarray(from)), message('c'));
  return Buffer.concat(messages);
}

/**
 * A client whose connection's socket is a PassThrough, read by a stand-in for node-postgres that
 * keeps the bytes given back to it. The test plays the server: it writes the bytes and, as
 * node-postgres would, ends or fails the query.
 */
function fakeClient() {
  const stream = new PassThrough();
  const handedBack: Buffer[] = [];
  const pgReader = (chunk: Buffer) => void handedBack.push(chunk);
  stream.on('data', pgReader);
  const sent: string[] = [];
  let submitted: (pg.Submittable & { handleReadyForQuery(): void; handleError(e: Error): void }) | undefined;
  const connection = Object.assign(new EventEmitter(), { stream, query: (text: string) => void sent.push(text) });
  // As node-postgres does, an Error returned by submit() fails the query.
  const query = (s: NonNullable<typeof submitted>) => {
    const error = (submitted = s).submit(connection as unknown as pg.Connection) as unknown;
    if (error instanceof Error) s.handleError(error);
  };
  const client = { query } as unknown as pg.Client;
  /** Writes each piece and waits until it has been read. */
  const write = async (chunks: Buffer[]) => {
    for (const chunk of chunks) {
      stream.write(chunk);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return {
    client,
    stream,
    pgReader,
    sent,
    write,
    handedBack: () => Buffer.concat(handedBack),
    query: () => submitted!,
  };
}

describe('COPY read off the connection', () => {
  const server = Buffer.concat([copyMessages(ROWS), TAIL]);

  it('reads the rows and gives back the bytes from CommandComplete on, wherever the socket cuts them', async () => {
    for (const cuts of [[], ...Array.from({ length: server.length - 1 }, (_, i) => [i + 1])]) {
      const { client, stream, pgReader, sent, write, handedBack, query } = fakeClient();
      const { sink, rows } = collector();
      const done = copyOut(client, 'COPY x TO STDOUT (FORMAT binary)', sink);
      expect(sent).toEqual(['COPY x TO STDOUT (FORMAT binary)']);
      await write(pieces(server, cuts));
      expect(handedBack(), `cut at ${cuts.join(',')}`).toEqual(TAIL);
      expect(stream.listeners('data')).toEqual([pgReader]);
      query().handleReadyForQuery();
      await done;
      expect(rows(), `cut at ${cuts.join(',')}`).toEqual(ROWS);
    }
  });

  it('reads a row a message, as PostgreSQL frames them, and other framings after it, wherever the socket cuts them', async () => {
    const many = [...ROWS, ...ROWS, ['last', null, 'row', '']];
    for (const joined of [many.length, 2]) {
      const framed = Buffer.concat([copyMessagesAsPostgres(many, joined), TAIL]);
      for (const cuts of [[], ...Array.from({ length: framed.length - 1 }, (_, i) => [i + 1])]) {
        const { client, write, handedBack, query } = fakeClient();
        const { sink, rows } = collector();
        const done = copyOut(client, 'COPY x TO STDOUT (FORMAT binary)', sink);
        await write(pieces(framed, cuts));
        expect(handedBack(), `cut at ${cuts.join(',')}`).toEqual(TAIL);
        query().handleReadyForQuery();
        await done;
        expect(rows(), `joined from ${joined}, cut at ${cuts.join(',')}`).toEqual(many);
      }
    }
  });

  it('fails the query when the sink throws on a row, draining the rest', async () => {
    const { client, write, handedBack, query } = fakeClient();
    const { sink } = collector();
    let seen = 0;
    sink.endRow = () => {
      if (++seen === 2) throw new Error('sink gave up');
    };
    const done = copyOut(client, 'COPY x TO STDOUT (FORMAT binary)', sink);
    await write([Buffer.concat([copyMessagesAsPostgres([...ROWS, ...ROWS]), TAIL])]);
    expect(handedBack()).toEqual(TAIL);
    query().handleReadyForQuery();
    await expect(done).rejects.toThrow('sink gave up');
    expect(seen).toBe(2);
  });

  it('fails with the server error, giving the socket back at the ErrorResponse', async () => {
    const { client, stream, pgReader, write, handedBack, query } = fakeClient();
    const done = copyOut(client, 'COPY x TO STDOUT (FORMAT binary)', collector().sink);
    const error = message('E', Buffer.from('SERROR\0C57014\0Mcanceling statement due to statement timeout\0\0'));
    // The header and part of a row, then the error in the next piece.
    await write([
      Buffer.concat([message('H', Buffer.from([1, 0, 0])), message('d', copyBinary(ROWS).subarray(0, 30))]),
      error,
    ]);
    expect(handedBack()).toEqual(error);
    expect(stream.listeners('data')).toEqual([pgReader]);
    query().handleError(new Error('canceling statement due to statement timeout'));
    await expect(done).rejects.toThrow('canceling statement due to statement timeout');
  });

  it('drains output it cannot read and fails once the server is ready, so the connection goes on', async () => {
    const { client, write, handedBack, query } = fakeClient();
    const done = copyOut(client, 'COPY x TO STDOUT', collector().sink);
    await write([
      Buffer.concat([
        message('H', Buffer.from([0, 0, 0])),
        message('d', Buffer.from('ann@example.com\t\\N\n')),
        message('c'),
        TAIL,
      ]),
    ]);
    expect(handedBack()).toEqual(TAIL);
    query().handleReadyForQuery();
    await expect(done).rejects.toThrow('COPY output is not in the binary format');
  });

  it('fails, leaving the socket alone, when node-postgres does not read it the way it expects', async () => {
    const { client, stream, pgReader, sent } = fakeClient();
    const other = () => undefined;
    stream.on('data', other);
    await expect(copyOut(client, 'COPY x TO STDOUT (FORMAT binary)', collector().sink)).rejects.toThrow(
      'cannot read COPY output: expected node-postgres to have one reader of its socket, found 2',
    );
    expect(sent).toEqual([]);
    expect(stream.listeners('data')).toEqual([pgReader, other]);
  });

  it('pauses the socket while the sink asks to wait', async () => {
    const { client, stream, write, query } = fakeClient();
    let release: () => void = () => undefined;
    const { sink, rows } = collector();
    let waits = 0;
    sink.wait = () => (waits++ === 0 ? new Promise<void>((resolve) => (release = resolve)) : undefined);
    const done = copyOut(client, 'COPY x TO STDOUT (FORMAT binary)', sink);
    const [first, rest] = pieces(server, [30]);
    await write([first!]);
    expect(stream.isPaused()).toBe(true);
    stream.write(rest);
    await new Promise((resolve) => setImmediate(resolve));
    expect(rows()).toEqual([]);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(stream.isPaused()).toBe(false);
    query().handleReadyForQuery();
    await done;
    expect(rows()).toEqual(ROWS);
  });
});
