/**
 * `COPY ... TO STDOUT` read straight off the connection, as pg-copy-streams does it but without a
 * stream in between: while the COPY runs, the socket's bytes come here instead of to node-postgres,
 * each CopyData message's payload goes to the rows where it lies in the socket's buffer, and from
 * CommandComplete or ErrorResponse on the bytes go back to node-postgres, which ends the query
 * (handleReadyForQuery) or fails it (handleError). pg-copy-streams took a sixth of a large table's
 * read: a buffer slice and a copy per row, then a Node stream per piece.
 *
 * The socket is paused while the sink asks to wait. A failure while reading rows does not leave the
 * connection mid-COPY: the rest of the output is drained, and the query fails with the first
 * failure once the server is ready again, so the connection reads the next table.
 */
import type { Duplex } from 'node:stream';
import type pg from 'pg';
import type { RowSink } from '../database/driver.js';
import { createCopyRows } from './copy.js';

/** Backend message types (the first byte of each message). */
const COPY_DATA = 0x64; // 'd'
const COMMAND_COMPLETE = 0x43; // 'C'
const ERROR_RESPONSE = 0x45; // 'E'
/** A message's type and its length (which counts itself, not the type). */
const MESSAGE_HEADER = 5;

/** What node-postgres hands a submitted query: the socket and a way to send a simple query. */
interface PgConnection {
  stream: Duplex;
  query(text: string): void;
}

/** Runs `sql` (a `COPY ... TO STDOUT (FORMAT binary)`) on `client` and passes its rows to `sink`. */
export function copyOut(client: pg.Client, sql: string, sink: RowSink): Promise<void> {
  return new Promise((resolve, reject) => void client.query(new CopyOut(sql, sink, resolve, reject)));
}

class CopyOut implements pg.Submittable {
  private readonly rows;
  private stream: Duplex | undefined;
  /** node-postgres's own reader of the socket, put back when the COPY's data is over. */
  private pgReader: ((chunk: Buffer) => void) | undefined;
  /** A message header cut between two pieces, and how much of it has come. */
  private readonly header = Buffer.alloc(MESSAGE_HEADER);
  private headerBytes = 0;
  /** The current message's type and the bytes of its payload still to come. */
  private type = 0;
  private remaining = 0;
  /** The first failure reading rows; the rest of the output is then drained unread. */
  private failure: Error | undefined;
  private readonly onData = (chunk: Buffer) => this.take(chunk);

  constructor(
    private readonly sql: string,
    private readonly sink: RowSink,
    private readonly resolve: () => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.rows = createCopyRows(sink);
  }

  /** Called by node-postgres when the query's turn comes; an Error returned fails the query (handleError). */
  submit(connection: pg.Connection): Error | undefined {
    const { stream } = connection as unknown as PgConnection;
    const readers = stream.listeners('data');
    if (readers.length !== 1)
      return new Error(
        `cannot read COPY output: expected node-postgres to have one reader of its socket, found ${readers.length}`,
      );
    this.stream = stream;
    this.pgReader = readers[0] as (chunk: Buffer) => void;
    stream.removeListener('data', this.pgReader).on('data', this.onData);
    (connection as unknown as PgConnection).query(this.sql);
    return undefined;
  }

  /** Reads a piece of the socket's bytes, then pauses the socket while the sink asks to wait. */
  private take(chunk: Buffer): void {
    if (this.readMessages(chunk)) return;
    const waiting = this.failure === undefined ? this.sink.wait() : undefined;
    if (waiting !== undefined) {
      const stream = this.stream!.pause();
      const resume = () => void stream.resume();
      waiting.then(resume, resume);
    }
  }

  /**
   * Reads the messages of a piece of the socket's bytes, up to the end of the COPY's data; true
   * when that end was in it (the socket is then node-postgres's again). Its loop is a function of
   * its own and the sink's wait is asked after it returns: code after a hot loop that has not yet
   * run discards the loop's compiled code when it first runs.
   */
  private readMessages(chunk: Buffer): boolean {
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining === 0 && this.headerBytes === 0 && chunk.length - at >= MESSAGE_HEADER) {
        // A whole message header.
        this.type = chunk[at]!;
        if (this.type === COMMAND_COMPLETE || this.type === ERROR_RESPONSE) {
          this.handBack(chunk.subarray(at));
          return true;
        }
        this.remaining = chunk.readInt32BE(at + 1) - 4;
        at += MESSAGE_HEADER;
      } else if (this.remaining === 0) {
        // A header cut between pieces: gathered first.
        const n = Math.min(MESSAGE_HEADER - this.headerBytes, chunk.length - at);
        chunk.copy(this.header, this.headerBytes, at, at + n);
        this.headerBytes += n;
        at += n;
        if (this.headerBytes < MESSAGE_HEADER) break;
        this.headerBytes = 0;
        this.type = this.header[0]!;
        if (this.type === COMMAND_COMPLETE || this.type === ERROR_RESPONSE) {
          this.handBack(Buffer.concat([this.header, chunk.subarray(at)]));
          return true;
        }
        this.remaining = this.header.readInt32BE(1) - 4;
      } else {
        // Payload. CopyData is rows; CopyOutResponse, CopyDone, notices and parameter changes are passed over.
        const n = Math.min(this.remaining, chunk.length - at);
        if (this.type === COPY_DATA && this.failure === undefined) {
          try {
            this.rows.push(chunk, at, at + n);
          } catch (error) {
            this.failure = error as Error;
          }
        }
        at += n;
        this.remaining -= n;
      }
    }
    return false;
  }

  /** Gives the socket back to node-postgres, with the bytes from the message that ends the COPY on. */
  private handBack(rest?: Buffer): void {
    const { stream, pgReader } = this;
    if (stream === undefined || pgReader === undefined) return;
    this.stream = undefined;
    stream.removeListener('data', this.onData).on('data', pgReader);
    if (rest !== undefined) pgReader(rest);
  }

  /** The server failed the COPY (an ErrorResponse), or the connection broke. */
  handleError(error: Error): void {
    this.handBack();
    this.reject(this.failure ?? error);
  }

  handleCommandComplete(): void {}

  /** The COPY is over and the connection ready for the next query. */
  handleReadyForQuery(): void {
    try {
      if (this.failure !== undefined) throw this.failure;
      this.rows.end();
      this.resolve();
    } catch (error) {
      this.reject(error as Error);
    }
  }
}
