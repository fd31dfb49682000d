// What goes wrong with a SQLite file is one line saying what to do, naming no path and no value.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectSqlite } from '../../../src/connectors/sqlite/sqlite.js';
import { describeSqliteError } from '../../../src/connectors/sqlite/errors.js';
import { makeDatabase, PLAN, recordingSink, ROOT } from './sqlite-fixture.js';

/** Opens, lists and reads every table; returns the one line for the first failure, or 'ok'. */
async function failure(file: string, plan = PLAN): Promise<string> {
  try {
    const driver = await connectSqlite({ path: file, display: 'sqlite:app.db' }, plan);
    try {
      for (const table of await driver.listTables()) await driver.readTable(table, plan, recordingSink());
    } catch (error) {
      return driver.describeError(error);
    } finally {
      await driver.close();
    }
    return 'ok';
  } catch (error) {
    return describeSqliteError(error);
  }
}

const BIG = `CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT);
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
  INSERT INTO t SELECT i, 'user' || i || '@example.com' FROM n;`;

describe('sqlite errors', () => {
  const { dir, file } = makeDatabase(BIG);

  it('says a text file is not a SQLite database', async () => {
    const text = path.join(dir, 'notes.db');
    writeFileSync(text, 'name,email\nann,ann@example.com\n'.repeat(100));
    expect(await failure(text)).toBe('not a SQLite database (no SQLite header)');
  });

  it('says a file of random bytes looks like an encrypted database', async () => {
    const encrypted = path.join(dir, 'secure.db');
    writeFileSync(encrypted, randomBytes(8192));
    expect(await failure(encrypted)).toBe(
      'no SQLite header and the bytes look random: an encrypted database (SQLCipher, SEE)? Decrypt a copy to scan it',
    );
  });

  it('says a file with the header but no database behind it is not one', async () => {
    const fake = path.join(dir, 'fake.db');
    writeFileSync(fake, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080, 0x41)]));
    expect(await failure(fake)).toBe('not a SQLite database (or an encrypted one: decrypt a copy to scan it)');
  });

  it('says a database whose pages are damaged is corrupt', async () => {
    const damaged = path.join(dir, 'damaged.db');
    const bytes = readFileSync(file);
    writeFileSync(damaged, bytes);
    const page = bytes.readUInt16BE(16);
    const fd = openSync(damaged, 'r+');
    // The table's pages follow the schema page: overwrite the first of them.
    writeSync(fd, Buffer.alloc(page, 0xa5), 0, page, page);
    closeSync(fd);
    expect(await failure(damaged)).toMatch(/^the database file is corrupt \(malformed\)/);
  });

  it('reports a virtual table of a module it lacks as an error of that table, and reads the others', async () => {
    const { file: other } = makeDatabase(
      "CREATE TABLE people (email TEXT); INSERT INTO people VALUES ('ann@example.com'); CREATE VIRTUAL TABLE notes USING fts5(body);",
    );
    // The same file as written by a SQLite with a module this one lacks (the name's length kept).
    writeFileSync(
      other,
      Buffer.from(readFileSync(other, 'latin1').replace('USING fts5(body)', 'USING zzz5(body)'), 'latin1'),
    );
    const driver = await connectSqlite({ path: other, display: 'sqlite:app.db' }, PLAN);
    const tables = await driver.listTables();
    const sink = recordingSink();
    await driver.readTable(
      tables.find((t) => t.table === 'people')!,
      PLAN,
      sink,
    );
    expect(sink.rows).toEqual([['ann@example.com']]);
    const error = await driver
      .readTable(
        tables.find((t) => t.table === 'notes')!,
        PLAN,
        recordingSink(),
      )
      .catch((e: unknown) => e);
    await driver.close();
    expect(driver.describeError(error)).toBe(
      "a virtual table of the SQLite module zzz5, which Node's SQLite lacks: not read",
    );
  });

  it('says a missing file is missing', async () => {
    expect(await failure(path.join(dir, 'missing.db'))).toBe('no such file or folder');
  });

  it('says what to do about a file the scanning user may not read', () => {
    const { file: locked } = makeDatabase('CREATE TABLE t (a TEXT)');
    chmodSync(locked, 0o600);
    // Root reads anything: the driver runs in a child process as nobody (the built driver).
    const script = `const { connectSqlite } = await import(${JSON.stringify(path.join(ROOT, 'dist/src/connectors/sqlite/sqlite.js'))});
      const { describeSqliteError } = await import(${JSON.stringify(path.join(ROOT, 'dist/src/connectors/sqlite/errors.js'))});
      if (process.getuid() === 0) { process.setgid(65534); process.setuid(65534); }
      process.stdout.write(await connectSqlite({ path: ${JSON.stringify(locked)}, display: 'x' }, { lockTimeoutMs: 1000 }).then(() => 'ok', describeSqliteError));`;
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })).toBe(
      'permission denied: give the scanning user read access to the file (and to its -wal and -shm files if they exist)',
    );
  });

  it('stops a read that outlasts the statement timeout', async () => {
    expect(await failure(file, { ...PLAN, statementTimeoutMs: -1 })).toBe(
      'statement timeout: reading the table took too long (raise --statement-timeout or sample fewer rows)',
    );
  });

  it('names neither the file nor a value in a message', async () => {
    const messages = await Promise.all(
      ['missing.db', 'damaged.db', 'fake.db', 'notes.db'].map((name) => failure(path.join(dir, name))),
    );
    for (const message of messages) {
      expect(message).not.toContain(dir);
      expect(message).not.toContain('example.com');
    }
  });
});
