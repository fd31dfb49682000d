// The SQLite driver's listing and values: declared types mapped by affinity, values read by their
// runtime type, tables SQLite keeps for itself never listed.
import { describe, expect, it } from 'vitest';
import { connectSqlite } from '../../../src/connectors/sqlite/sqlite.js';
import { toKind, type SqliteTable } from '../../../src/connectors/sqlite/schema.js';
import { makeDatabase, PLAN, recordingSink } from './sqlite-fixture.js';

async function readAll(file: string) {
  const driver = await connectSqlite({ path: file, display: 'sqlite:app.db' }, PLAN);
  try {
    const tables = (await driver.listTables()) as SqliteTable[];
    const read: Record<string, { method: string; rows: unknown[][] }> = {};
    for (const table of tables) {
      const sink = recordingSink();
      const { method } = await driver.readTable(table, PLAN, sink);
      read[table.table] = { method, rows: sink.rows };
    }
    return { tables, read };
  } finally {
    await driver.close();
  }
}

describe('sqlite column kinds', () => {
  it('follows SQLite affinity, skipping dates, booleans, uuids and reals', () => {
    const kinds = Object.fromEntries(
      [
        'INTEGER',
        'BIGINT',
        'UNSIGNED BIG INT',
        'TEXT',
        'VARCHAR(255)',
        'NCHAR(55)',
        'CLOB',
        'BLOB',
        '',
        'JSON',
        'NUMERIC',
        'DECIMAL(10,5)',
        'REAL',
        'DOUBLE PRECISION',
        'FLOAT',
        'DATE',
        'DATETIME',
        'TIMESTAMP',
        'BOOLEAN',
        'UUID',
        'STRING',
        'ANY',
      ].map((t) => [t, toKind(t) ?? 'skipped']),
    );
    expect(kinds).toEqual({
      INTEGER: 'number',
      BIGINT: 'number',
      'UNSIGNED BIG INT': 'number',
      TEXT: 'text',
      'VARCHAR(255)': 'text',
      'NCHAR(55)': 'text',
      CLOB: 'text',
      BLOB: 'bytes',
      '': 'bytes',
      JSON: 'json',
      NUMERIC: 'number',
      'DECIMAL(10,5)': 'number',
      REAL: 'skipped',
      'DOUBLE PRECISION': 'skipped',
      FLOAT: 'skipped',
      DATE: 'skipped',
      DATETIME: 'skipped',
      TIMESTAMP: 'skipped',
      BOOLEAN: 'skipped',
      UUID: 'skipped',
      STRING: 'text',
      ANY: 'bytes',
    });
  });
});

describe('sqlite listing and values', () => {
  const { file } = makeDatabase(`
    CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, phone INTEGER, note, profile JSON, avatar BLOB, born DATE, active BOOLEAN);
    INSERT INTO users (email, phone, note, profile, avatar, born, active) VALUES
      ('ann@example.com', 447700900123, 'call +44 7700 900456', '{"iban":"GB82 WEST 1234 5698 7654 32"}', x'89504e47', '1990-01-01', 1),
      (x'626f62406578616d706c652e636f6d', 'carol@example.com', 4111111111111111, NULL, 'mail dan@example.com', NULL, 0),
      (1234567890123456789, 2.5, x'fffe', '[]', NULL, NULL, NULL);
    CREATE VIEW user_emails AS SELECT email FROM users;
    CREATE TABLE codes (code TEXT PRIMARY KEY, owner TEXT) WITHOUT ROWID;
    INSERT INTO codes VALUES ('A1', 'eve@example.com');
    CREATE VIRTUAL TABLE notes USING fts5(body);
    INSERT INTO notes VALUES ('write to frank@example.com');
    CREATE TABLE "odd ""name""" ("rowid" TEXT, "oid" TEXT);
    INSERT INTO "odd ""name""" VALUES ('r', 'o');
    ANALYZE;`);

  it('lists tables and virtual tables, never views, shadow or internal tables', async () => {
    const { tables } = await readAll(file);
    expect(tables.map((t) => t.table)).toEqual(['codes', 'notes', 'odd "name"', 'users']);
    expect(tables.every((t) => t.schema === 'main')).toBe(true);
    const users = tables.find((t) => t.table === 'users')!;
    expect(users.columns.map((c) => `${c.name}:${c.kind}`)).toEqual([
      'id:number',
      'email:text',
      'phone:number',
      'note:bytes',
      'profile:json',
      'avatar:bytes',
    ]);
    expect(users.skippedColumns).toEqual(['born', 'active']);
    expect(users).toMatchObject({ integerKey: 'id', estimatedRows: 3 });
    expect(tables.find((t) => t.table === 'codes')).toMatchObject({ withoutRowid: true, estimatedRows: 1 });
    expect(tables.find((t) => t.table === 'codes')!.integerKey).toBeUndefined();
    expect(tables.find((t) => t.table === 'notes')).toMatchObject({
      virtual: true,
      columns: [{ name: 'body', kind: 'bytes' }],
    });
    // Its columns take the rowid's names: the rowid goes by the one left.
    expect(tables.find((t) => t.table === 'odd "name"')!.integerKey).toBe('_rowid_');
  });

  it('reads each value by its runtime type, whatever the declared type', async () => {
    const { read } = await readAll(file);
    expect(read['users']!.rows).toEqual([
      [
        '1',
        'ann@example.com',
        '447700900123',
        'call +44 7700 900456',
        '{"iban":"GB82 WEST 1234 5698 7654 32"}',
        'bytes:89504e47',
      ],
      // A UTF-8 blob in a text column is its text's bytes; a string in an INTEGER or BLOB column stays a string.
      [
        '2',
        'bytes:626f62406578616d706c652e636f6d',
        'carol@example.com',
        '4111111111111111',
        null,
        'mail dan@example.com',
      ],
      // A 19-digit integer stays exact; a real is its text; bytes that are no UTF-8 in an untyped column go as bytes.
      ['3', '1234567890123456789', '2.5', 'bytes:fffe', '[]', null],
    ]);
    expect(read['codes']!.rows).toEqual([['A1', 'eve@example.com']]);
    expect(read['notes']!.rows).toEqual([['write to frank@example.com']]);
    expect(read['odd "name"']!.rows).toEqual([['r', 'o']]);
  });

  it('drops bytes that are no UTF-8 from a text column', async () => {
    const { file: other } = makeDatabase("CREATE TABLE t (name TEXT); INSERT INTO t VALUES (x'ff00'), ('ok');");
    expect((await readAll(other)).read['t']!.rows).toEqual([[null], ['ok']]);
  });

  it('reads a table whose every column is skipped as rows without values', async () => {
    const { file: other } = makeDatabase(
      "CREATE TABLE t (at DATETIME); INSERT INTO t VALUES ('2024-01-01'), ('2024-01-02');",
    );
    expect((await readAll(other)).read['t']!.rows).toEqual([[], []]);
  });
});
