// sqlite: URLs and SQLite files recognised by their header.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSqliteName, isSqliteFile, isSqliteUrl, toSqliteTarget } from '../../../src/connectors/sqlite/target.js';
import { makeDatabase } from './sqlite-fixture.js';

describe('sqlite: URLs', () => {
  it('recognises sqlite: targets only', () => {
    expect(['sqlite:///srv/app.db', 'SQLITE:app.db', 'sqlite:data/app.db'].every(isSqliteUrl)).toBe(true);
    expect(['postgres://h/db', './app.db', 'file:///srv/app.db', 's3://b/app.db'].some(isSqliteUrl)).toBe(false);
  });

  it('parses absolute and relative paths, percent-escapes decoded', () => {
    expect(toSqliteTarget('sqlite:///srv/data/app.db')).toEqual({
      path: '/srv/data/app.db',
      display: 'sqlite:///srv/data/app.db',
    });
    expect(toSqliteTarget('sqlite:/srv/data/app.db').path).toBe('/srv/data/app.db');
    expect(toSqliteTarget('sqlite://localhost/srv/app.db').path).toBe('/srv/app.db');
    expect(toSqliteTarget('sqlite:data/my%20app.db').path).toBe('data/my app.db');
    expect(toSqliteTarget('sqlite:./app.db').path).toBe('./app.db');
  });

  it('refuses a host, a query, no file and :memory:', () => {
    for (const url of [
      'sqlite://db.example.com/app.db',
      'sqlite:///srv/app.db?mode=rw',
      'sqlite:app.db#x',
      'sqlite:',
      'sqlite:///',
      'sqlite::memory:',
    ]) {
      expect(() => toSqliteTarget(url), url).toThrow(
        /sqlite:\/\/\/absolute\/path\/app\.db or sqlite:relative\/path\/app\.db/,
      );
    }
  });
});

describe('sqlite files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'piiscan-sqlite-'));

  it('sniffs the names a folder walk may hold databases under', () => {
    expect(['app.db', 'x/Cache.SQLITE', 'a.sqlite3', 'b.db3'].every(hasSqliteName)).toBe(true);
    expect(['app.log', 'db', 'app.db.gz', 'sqlite'].some(hasSqliteName)).toBe(false);
  });

  it('recognises a database by its header, whatever its name', async () => {
    const { file } = makeDatabase('CREATE TABLE t (a TEXT)', 'export.bin');
    expect(await isSqliteFile(file)).toBe(true);
  });

  it('refuses files without the header: text, a header cut short, a header without its NUL', async () => {
    const files = {
      'text.db': 'SQLite format 3 is a file format\n',
      'short.db': 'SQLite format',
      'empty.db': '',
      'nonul.db': 'SQLite format 3x' + 'a'.repeat(100),
    };
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(path.join(dir, name), content);
      expect(await isSqliteFile(path.join(dir, name)), name).toBe(false);
    }
  });

  it('rejects with the file system error for a file it cannot read', async () => {
    await expect(isSqliteFile(path.join(dir, 'missing.db'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
