// locate through every source of the Connector contract: PostgreSQL, MariaDB, SQLite and S3
// (test/servers/*.sh; .ci/run starts them). Each holds the subject in every form, one per row or
// line: each trace names its form and, in databases, the row's primary key.
import mysql from 'mysql2/promise';
import pg from 'pg';
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { databaseUrl, freshDatabase, makeTree } from '../helpers.js';
import { fillBucket, useS3rverEnv } from '../s3-server.js';
import type { LocateReport } from '../../src/locate/report.js';
import { EMAIL, FORMS, HMAC_KEY, IDENTIFIERS, PHONE, SSN } from './fixture.js';

const PG_URL = process.env['PIISCAN_TEST_PG_URL'];
const MYSQL_URL = process.env['PIISCAN_TEST_MYSQL_URL'];
const S3_ENDPOINT = process.env['PIISCAN_TEST_S3_ENDPOINT'];
const SUBJECT = ['--subject', `email=${EMAIL}`, '--subject', `phone=${PHONE}`, '--subject', `us_ssn=${SSN}`];
const DB = 'piiscan_locate';

/** Row i holds form i, under primary key 100 + i. */
const ROWS = FORMS.map((f, i) => ({ id: 100 + i, note: `value ${f.value} end` }));

async function locate(targets: string[], extra: string[] = [], env: Record<string, string> = {}) {
  const result = await run(['locate', ...targets, ...SUBJECT, '--hash-key-env', 'KEY', ...extra], {
    cwd: makeTree(),
    env: { KEY: HMAC_KEY, ...env },
  });
  for (const id of IDENTIFIERS) expect(result.stdout + result.stderr).not.toContain(id);
  return { exitCode: result.exitCode, report: JSON.parse(result.stdout) as LocateReport };
}

/** Every form found once, in its row, with the row's key. */
function expectEveryFormByKey(report: LocateReport, location: string) {
  const traces = report.subjects[0]!.locations.filter((t) => t.location.endsWith(location));
  expect(traces.map((t) => ({ form: t.form, key: t.key }))).toEqual(
    FORMS.map((f, i) => ({ form: f.form, key: { id: String(100 + i) } })),
  );
}

describe.skipIf(!PG_URL && !process.env['CI'])('locate in PostgreSQL', () => {
  const url = (db: string) => databaseUrl(PG_URL!, db);
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: await freshDatabase(PG_URL!, DB) });
    await client.connect();
    await client.query('CREATE TABLE people (id int PRIMARY KEY, note text); CREATE TABLE other (n text)');
    for (const r of ROWS) await client.query('INSERT INTO people VALUES ($1, $2)', [r.id, r.note]);
    await client.query("INSERT INTO other VALUES ('bob@example.com')");
    await client.end();
  });

  it('finds every form with the row primary key', async () => {
    const { exitCode, report } = await locate([url(DB)]);
    expect(exitCode).toBe(0);
    expectEveryFormByKey(report, 'public.people.note');
    expect(report.coverage.tables.map((t) => [t.table, t.rowsScanned, t.method])).toEqual([
      ['public.other', 1, 'full'],
      ['public.people', FORMS.length, 'full'],
    ]);
  });

  it('keys scan findings by the row too', async () => {
    const result = await run(['scan', url(DB), '--format', 'json', '--detectors', 'email'], {
      cwd: makeTree(),
      env: {},
    });
    const findings = (JSON.parse(result.stdout) as { findings: Array<{ locations: Array<{ key?: object }> }> })
      .findings;
    expect(findings.flatMap((f) => f.locations.map((l) => l.key))).toContainEqual({ id: '100' });
  });

  it('exits 2, never erased, when the database cannot be reached', async () => {
    const bad = Object.assign(new URL(url(DB)), { port: '1' }).toString();
    const { exitCode, report } = await locate([bad], ['--expect', 'absent']);
    expect(exitCode).toBe(2);
    expect(report.verdict).toBe('incomplete');
  });
});

describe.skipIf(!MYSQL_URL && !process.env['CI'])('locate in MariaDB', () => {
  const url = () => databaseUrl(MYSQL_URL!, DB);
  beforeAll(async () => {
    await freshDatabase(MYSQL_URL!, DB, { setup: ['CREATE TABLE people (id int PRIMARY KEY, note text)'] });
    const admin = await mysql.createConnection(MYSQL_URL!);
    for (const r of ROWS) await admin.query(`INSERT INTO ${DB}.people VALUES (?, ?)`, [r.id, r.note]);
    await admin.end();
  });

  it('finds every form with the row primary key', async () => {
    const { report } = await locate([url()]);
    expectEveryFormByKey(report, 'people.note');
  });

  it('exits 0 with --expect absent for a subject not there', async () => {
    const result = await run(['locate', url(), '--subject', 'email=nobody@example.com', '--expect', 'absent'], {
      cwd: makeTree(),
      env: {},
    });
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as LocateReport).verdict).toBe('erased');
  });
});

describe('locate in SQLite', () => {
  it('finds every form with the row primary key', async () => {
    const dir = makeTree();
    const db = new DatabaseSync(path.join(dir, 'app.db'));
    db.exec('CREATE TABLE people (id INTEGER PRIMARY KEY, note TEXT)');
    const insert = db.prepare('INSERT INTO people VALUES (?, ?)');
    for (const r of ROWS) insert.run(r.id, r.note);
    db.close();
    const { exitCode, report } = await locate([`sqlite://${path.join(dir, 'app.db')}`]);
    expect(exitCode).toBe(0);
    expectEveryFormByKey(report, 'people.note');
  });
});

describe.skipIf(!S3_ENDPOINT && !process.env['CI'])('locate in S3', () => {
  useS3rverEnv();
  beforeAll(() => fillBucket(S3_ENDPOINT!, 'locate', { 'logs/app.log': `${ROWS.map((r) => r.note).join('\n')}\n` }));

  it('finds every form on its line of the object', async () => {
    const { exitCode, report } = await locate(['s3://locate/logs/', '--endpoint-url', S3_ENDPOINT!]);
    expect(exitCode).toBe(0);
    const traces = report.subjects[0]!.locations;
    expect(traces.map((t) => ({ form: t.form, line: t.line, location: t.location }))).toEqual(
      FORMS.map((f, i) => ({ form: f.form, line: i + 1, location: 's3://locate/logs/app.log' })),
    );
  });
});
