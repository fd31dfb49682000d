// SQLite files for the driver's tests, made with node:sqlite itself (SQLite has no server: the
// file is the database) in a fresh temporary folder, and a sink that records what a driver reads.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { ReadPlan, RowSink } from '../../../src/connectors/database/driver.js';

/** The repository, for child processes that load the built driver (dist/). */
export const ROOT = path.resolve(import.meta.dirname, '../../..');

export const PLAN: ReadPlan = {
  sampleRows: 100_000,
  full: false,
  seed: 1,
  statementTimeoutMs: 10_000,
  lockTimeoutMs: 1_000,
};

/** A new folder holding `app.db` made by `sql`; returns the folder and the file. */
export function makeDatabase(sql: string, name = 'app.db'): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'piiscan-sqlite-'));
  const file = path.join(dir, name);
  const db = new DatabaseSync(file);
  db.exec(sql);
  db.close();
  return { dir, file };
}

/** The folder's file names, sorted: what a scan must leave as it found it. */
export const listing = (dir: string) => readdirSync(dir).sort();

/** A value as the sink got it: text, `bytes:<hex>` for a byte range, or null. */
export type Seen = string | null;

/** A sink that records rows; `onWait` may return a promise the driver must await. */
export function recordingSink(
  onWait: (rows: number) => Promise<void> | undefined = () => undefined,
): RowSink & { rows: Seen[][] } {
  let row: Seen[] = [];
  const rows: Seen[][] = [];
  return {
    rows,
    text: (i, value) => void (row[i] = value),
    bytes: (i, src, start, end) => void (row[i] = `bytes:${Buffer.from(src.subarray(start, end)).toString('hex')}`),
    endRow: () => {
      rows.push(row);
      row = [];
    },
    wait: () => onWait(rows.length),
  };
}
