// The SQLite driver never creates or writes anything: not beside a rollback-journal or WAL
// database, not with a live writer, and it reads a database in a folder it may not write to.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { connectSqlite } from '../../../src/connectors/sqlite/sqlite.js';
import { openSqlite } from '../../../src/connectors/sqlite/open.js';
import { listing, makeDatabase, PLAN, recordingSink, ROOT } from './sqlite-fixture.js';

const PEOPLE = `CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT);
  INSERT INTO people (email) VALUES ('ann@example.com'), ('bob@example.com');`;

/** Lists and reads every table, as a scan does; returns the emails read. */
async function scanAll(file: string): Promise<string[]> {
  const driver = await connectSqlite({ path: file, display: 'sqlite:app.db' }, PLAN);
  try {
    const emails: string[] = [];
    for (const table of await driver.listTables()) {
      const sink = recordingSink();
      await driver.readTable(table, { ...PLAN, sampleRows: 1 }, sink);
      emails.push(...sink.rows.map((r) => String(r[1])));
    }
    return emails.sort();
  } finally {
    await driver.close();
  }
}

/** The folder's files with their sizes and modification times. */
const snapshot = (dir: string) =>
  listing(dir).map((name) => {
    const { size, mtimeMs } = statSync(path.join(dir, name));
    return `${name} ${size} ${mtimeMs}`;
  });

describe('sqlite read-only guarantee', () => {
  it('creates no journal and changes nothing beside a rollback-journal database', async () => {
    const { dir, file } = makeDatabase(PEOPLE);
    const before = snapshot(dir);
    const bytes = readFileSync(file);
    expect(await scanAll(file)).toEqual(['ann@example.com', 'bob@example.com']);
    expect(snapshot(dir)).toEqual(before);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('opens a file whose name holds URI characters', async () => {
    const { dir, file } = makeDatabase(PEOPLE, 'my app?v=1#2%20.db');
    expect(await scanAll(file)).toEqual(['ann@example.com', 'bob@example.com']);
    expect(listing(dir)).toEqual(['my app?v=1#2%20.db']);
  });

  it('creates no -wal or -shm file beside a WAL database at rest', async () => {
    const { dir, file } = makeDatabase(`PRAGMA journal_mode = WAL; ${PEOPLE}`);
    expect(listing(dir)).toEqual(['app.db']);
    expect(await scanAll(file)).toEqual(['ann@example.com', 'bob@example.com']);
    expect(listing(dir)).toEqual(['app.db']);
  });

  it('reads a live WAL database with the commits still in its -wal file, without blocking its writer', async () => {
    const { dir, file } = makeDatabase(`PRAGMA journal_mode = WAL; ${PEOPLE}`);
    const writer = new DatabaseSync(file);
    try {
      writer.exec("PRAGMA wal_autocheckpoint = 0; INSERT INTO people (email) VALUES ('carol@example.com')");
      expect(listing(dir)).toEqual(['app.db', 'app.db-shm', 'app.db-wal']);
      const driver = await connectSqlite({ path: file, display: 'sqlite:app.db' }, PLAN);
      const [table] = await driver.listTables();
      // The writer commits while the read waits for the scan after its first row.
      const sink = recordingSink((rows) =>
        rows === 1 ? void writer.exec("INSERT INTO people (email) VALUES ('dan@example.com')") : undefined,
      );
      await driver.readTable(table!, { ...PLAN, full: true }, sink);
      await driver.close();
      expect(sink.rows.map((r) => r[1])).toEqual(['ann@example.com', 'bob@example.com', 'carol@example.com']);
      expect(listing(dir)).toEqual(['app.db', 'app.db-shm', 'app.db-wal']);
    } finally {
      writer.close();
    }
  });

  it('reads a WAL database in a folder the scanning user may not write to', () => {
    const { dir, file } = makeDatabase(`PRAGMA journal_mode = WAL; ${PEOPLE}`);
    chmodSync(dir, 0o555);
    // Root writes anywhere: the read then runs in a child process as nobody (the built driver).
    const script = `const { connectSqlite } = await import(${JSON.stringify(path.join(ROOT, 'dist/src/connectors/sqlite/sqlite.js'))});
      if (process.getuid() === 0) { process.setgid(65534); process.setuid(65534); }
      const driver = await connectSqlite({ path: ${JSON.stringify(file)}, display: 'x' }, { lockTimeoutMs: 1000 });
      const rows = [];
      for (const table of await driver.listTables()) await driver.readTable(table, ${JSON.stringify(PLAN)}, { text: (i, v) => i === 1 && rows.push(v), bytes() {}, endRow() {}, wait() {} });
      await driver.close();
      process.stdout.write(JSON.stringify(rows));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['ann@example.com', 'bob@example.com']);
    expect(listing(dir)).toEqual(['app.db']);
  });

  it('opens a connection on which no statement writes', async () => {
    const { file } = makeDatabase(PEOPLE);
    const db = await openSqlite(file, PLAN.lockTimeoutMs);
    try {
      expect(() => db.exec('DELETE FROM people; CREATE TABLE t (a)')).toThrow(/readonly|read-only|query_only/i);
    } finally {
      db.close();
    }
    expect(await scanAll(file)).toEqual(['ann@example.com', 'bob@example.com']);
  });
});
