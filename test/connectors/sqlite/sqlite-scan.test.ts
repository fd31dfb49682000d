// SQLite through the whole scan: `sqlite:` targets and database files met in a folder walk, read as
// tables and columns (never as text), sites rooted like file sites, errors in one line each.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDatabase } from './sqlite-fixture.js';
import { parseReport, runCli } from '../../helpers.js';
import { createTargetScope } from '../../../src/cli/target-scope.js';

const SHOP = `
  CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, phone TEXT, email_sha256 TEXT, note TEXT, created DATE);
  INSERT INTO customers (email, phone, email_sha256, note, created) VALUES
    ('ann@example.com', '+44 7700 900123', '${'a'.repeat(64)}', 'paid with 4111 1111 1111 1111', '2026-01-01'),
    ('bob@example.com', '+44 7700 900456', '${'b'.repeat(64)}', 'no notes', '2026-01-02');
  CREATE TABLE audit (id INTEGER PRIMARY KEY, msg TEXT);
  INSERT INTO audit (msg) VALUES ('login by dana.lee@example.com');
`;

/** A checkout with a service folder holding a log and its SQLite database. */
function checkout(): string {
  const { dir, file } = makeDatabase(SHOP, 'shop.db');
  mkdirSync(path.join(dir, '.git'));
  mkdirSync(path.join(dir, 'orders', 'data'), { recursive: true });
  copyFileSync(file, path.join(dir, 'orders', 'data', 'shop.db'));
  writeFileSync(path.join(dir, 'orders', 'app.log'), 'order 7 for ann@example.com\n');
  // A .db file that is not SQLite is binary, as before.
  writeFileSync(path.join(dir, 'orders', 'cache.db'), Buffer.from([0, 1, 2, 3, 0, 255]));
  return dir;
}

describe('SQLite source', () => {
  it('reads a database met in a folder walk as tables, rooted like file sites', async () => {
    const dir = checkout();
    const result = await runCli(['scan', 'orders', '--format', 'json'], dir);
    const report = parseReport(result.stdout);
    expect(result.exitCode).toBe(1);
    expect(report.errors).toEqual([]);
    const sites = report.findings.map((f) => `${f.site.uri} ${f.detector} ${f.form} ${f.service}`).sort();
    expect(sites).toEqual([
      'file://orders/app.log* email plaintext orders',
      'sqlite://orders/data/shop.db#main.audit.msg email plaintext data',
      'sqlite://orders/data/shop.db#main.customers.email email plaintext data',
      'sqlite://orders/data/shop.db#main.customers.email_sha256 email hashed data',
      'sqlite://orders/data/shop.db#main.customers.note credit_card plaintext data',
      'sqlite://orders/data/shop.db#main.customers.phone phone plaintext data',
    ]);
    const note = report.findings.find((f) => f.site.uri.endsWith('customers.note'))!;
    expect(note).toMatchObject({
      count: 1,
      rowsScanned: 2,
      locations: [{ path: 'orders/data/shop.db#main.customers.note' }],
    });
    expect(report.coverage.tables.map((t) => [t.source, t.table, t.rowsScanned, t.skippedColumns])).toEqual([
      [`sqlite://${path.join(dir, 'orders', 'data', 'shop.db')}`, 'main.audit', 1, 0],
      [`sqlite://${path.join(dir, 'orders', 'data', 'shop.db')}`, 'main.customers', 2, 1],
    ]);
    // The database is not text: not a file read, not skipped; the other .db file is binary.
    expect(report.coverage.files).toBe(1);
    expect(report.coverage.skipped).toEqual([{ path: 'orders/cache.db', reason: 'binary' }]);
  });

  it('reads a sqlite: target with the same sites as the folder walk', async () => {
    const dir = checkout();
    const walk = parseReport((await runCli(['scan', 'orders', '--format', 'json'], dir)).stdout);
    const named = parseReport((await runCli(['scan', 'sqlite:orders/data/shop.db', '--format', 'json'], dir)).stdout);
    const columns = (r: typeof walk) =>
      r.findings
        .filter((f) => f.site.kind === 'column')
        .map((f) => f.fingerprint)
        .sort();
    expect(named.targets).toEqual(['sqlite:orders/data/shop.db']);
    expect(columns(named)).toEqual(columns(walk));
    expect(named.coverage.tables.map((t) => t.source)).toEqual([
      'sqlite:orders/data/shop.db',
      'sqlite:orders/data/shop.db',
    ]);
  });

  it('scopes a baseline prune to the database the target names', async () => {
    const dir = checkout();
    const scope = await createTargetScope(['sqlite:orders/data/shop.db'], { cwd: dir });
    expect(scope({ kind: 'column', uri: 'sqlite://orders/data/shop.db#main.customers.email', template: '' })).toBe(
      true,
    );
    expect(scope({ kind: 'column', uri: 'sqlite://orders/data/other.db#main.customers.email', template: '' })).toBe(
      false,
    );
    expect(scope({ kind: 'file', uri: 'file://orders/app.log*', template: 'x' })).toBe(false);
  });

  it('names a file that is not a database, and a bad sqlite: URL, in one line each', async () => {
    const dir = checkout();
    writeFileSync(path.join(dir, 'notes.db'), 'just text, not a database\n');
    const result = await runCli(['scan', 'sqlite:notes.db', 'orders/app.log', '--format', 'json'], dir);
    const report = parseReport(result.stdout);
    expect(result.exitCode).toBe(2);
    expect(report.errors).toEqual([
      { source: 'sqlite:notes.db', message: expect.stringMatching(/^not a SQLite database/) },
    ]);
    expect(report.findings.map((f) => f.site.uri)).toEqual(['file://orders/app.log*']);
    const usage = await runCli(['scan', 'sqlite://db.example.com/app.db'], dir);
    expect(usage).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('names a local file, not a host') });
  });
});
