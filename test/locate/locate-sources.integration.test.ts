// locate through every source of the Connector contract: PostgreSQL, MariaDB, SQLite and S3
// (test/servers/*.sh; .ci/run starts them), the same checks on each: every form of the subject
// (one per row or line) named by its form and, in databases, the row's primary key; no identifier
// in any output format; an absent subject is "erased" (exit 0) with every table or object read;
// an unreadable source exits 2, never "erased".
import mysql from 'mysql2/promise';
import pg from 'pg';
import { DatabaseSync } from 'node:sqlite';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { freshDatabase, makeTree } from '../helpers.js';
import { fillBucket, S3RVER_ENV } from '../s3-server.js';
import type { LocateReport } from '../../src/locate/report.js';
import type { Trace } from '../../src/locate/trace.js';
import { EMAIL, FORMS, HMAC_KEY, IDENTIFIERS, PHONE, SSN } from './fixture.js';

const PG_URL = process.env['PIISCAN_TEST_PG_URL'];
const MYSQL_URL = process.env['PIISCAN_TEST_MYSQL_URL'];
const S3_ENDPOINT = process.env['PIISCAN_TEST_S3_ENDPOINT'];
const SUBJECT = ['--subject', `email=${EMAIL}`, '--subject', `phone=${PHONE}`, '--subject', `us_ssn=${SSN}`];
const DB = 'piiscan_locate';

/** Row i holds form i, under primary key 100 + i. */
const ROWS = FORMS.map((f, i) => ({ id: 100 + i, note: `value ${f.value} end` }));
/** What no output may hold: the identifiers and every form they were written in. */
const SECRETS = [...IDENTIFIERS, ...FORMS.map((f) => f.value)].map((s) => s.toLowerCase());

interface Source {
  name: string;
  enabled: boolean;
  load(): Promise<void>;
  /** The targets and options that read the source. */
  target(): string[];
  /** Targets that name the source but cannot be read. */
  unreadable(): string[];
  /** Where form i is: its row's key, or its line. */
  place(i: number): Partial<Trace>;
  /** Where the forms are (the end of a trace's location). */
  location: string;
  env?: Record<string, string>;
}

async function locate(source: Source, targets: string[], extra: string[]) {
  const saved = { ...process.env };
  // The AWS SDK reads its credentials from the process's environment.
  Object.assign(process.env, source.env ?? {});
  try {
    const result = await run(['locate', ...targets, ...extra], { cwd: makeTree(), env: { KEY: HMAC_KEY } });
    for (const secret of SECRETS) expect((result.stdout + result.stderr).toLowerCase()).not.toContain(secret);
    return { ...result, report: () => JSON.parse(result.stdout) as LocateReport };
  } finally {
    for (const k of Object.keys(source.env ?? {})) if (saved[k] === undefined) delete process.env[k];
  }
}

const sqliteDir = makeTree();
const pgUrl = (db: string) => Object.assign(new URL(PG_URL ?? 'postgres://x'), { pathname: `/${db}` }).toString();
const mysqlUrl = () => Object.assign(new URL(MYSQL_URL ?? 'mysql://x'), { pathname: `/${DB}` }).toString();
const badPort = (url: string) => Object.assign(new URL(url), { port: '1' }).toString();
const byKey = (i: number) => ({ key: { id: String(100 + i) } });

const SOURCES: Source[] = [
  {
    name: 'PostgreSQL',
    enabled: PG_URL !== undefined || process.env['CI'] !== undefined,
    async load() {
      await freshDatabase(PG_URL!, DB, {
        setup: ['CREATE TABLE people (id int PRIMARY KEY, note text)', 'CREATE TABLE other (n text)'],
      });
      const client = new pg.Client({ connectionString: pgUrl(DB) });
      await client.connect();
      for (const r of ROWS) await client.query('INSERT INTO people VALUES ($1, $2)', [r.id, r.note]);
      await client.query("INSERT INTO other VALUES ('bob@example.com')");
      await client.end();
    },
    target: () => [pgUrl(DB)],
    unreadable: () => [badPort(pgUrl(DB))],
    place: byKey,
    location: 'public.people.note',
  },
  {
    name: 'MariaDB',
    enabled: MYSQL_URL !== undefined || process.env['CI'] !== undefined,
    async load() {
      await freshDatabase(MYSQL_URL!, DB, { setup: ['CREATE TABLE people (id int PRIMARY KEY, note text)'] });
      const client = await mysql.createConnection(mysqlUrl());
      for (const r of ROWS) await client.query('INSERT INTO people VALUES (?, ?)', [r.id, r.note]);
      await client.end();
    },
    target: () => [mysqlUrl()],
    unreadable: () => [badPort(mysqlUrl())],
    place: byKey,
    location: 'people.note',
  },
  {
    name: 'SQLite',
    enabled: true,
    async load() {
      const db = new DatabaseSync(path.join(sqliteDir, 'app.db'));
      db.exec('CREATE TABLE people (id INTEGER PRIMARY KEY, note TEXT)');
      const insert = db.prepare('INSERT INTO people VALUES (?, ?)');
      for (const r of ROWS) insert.run(r.id, r.note);
      db.close();
      // A file by a database's name that is no database.
      writeFileSync(path.join(sqliteDir, 'broken.db'), 'not a database\n'.repeat(100));
    },
    target: () => [`sqlite://${path.join(sqliteDir, 'app.db')}`],
    unreadable: () => [`sqlite://${path.join(sqliteDir, 'broken.db')}`],
    place: byKey,
    location: 'people.note',
  },
  {
    name: 'S3',
    enabled: S3_ENDPOINT !== undefined || process.env['CI'] !== undefined,
    async load() {
      await fillBucket(S3_ENDPOINT!, 'locate', { 'logs/app.log': `${ROWS.map((r) => r.note).join('\n')}\n` });
    },
    target: () => ['s3://locate/logs/', '--endpoint-url', S3_ENDPOINT!],
    unreadable: () => ['s3://no-such-bucket-locate/logs/', '--endpoint-url', S3_ENDPOINT!],
    place: (i) => ({ line: i + 1 }),
    location: 's3://locate/logs/app.log',
    env: S3RVER_ENV,
  },
];

for (const source of SOURCES)
  describe.skipIf(!source.enabled)(`locate in ${source.name}`, () => {
    beforeAll(() => source.load());

    it('finds every form (plaintext, normalised, encoded, each hash, HMAC) in its row or line', async () => {
      const result = await locate(source, source.target(), [...SUBJECT, '--hash-key-env', 'KEY']);
      expect(result.exitCode).toBe(0);
      const traces = result.report().subjects[0]!.locations.filter((t) => t.location.endsWith(source.location));
      const placeOf = (t: Trace) => Object.fromEntries(Object.keys(source.place(0)).map((k) => [k, t[k as 'key']]));
      expect(traces.map((t) => ({ form: t.form, ...placeOf(t) }))).toEqual(
        FORMS.map((f, i) => ({ form: f.form, ...source.place(i) })),
      );
    });

    it('finds with --jobs 2 what it finds on one thread', async () => {
      const args = [...SUBJECT, '--hash-key-env', 'KEY'];
      // What was found (the coverage differs by each run's sampling seed).
      const found = async (jobs: string) => {
        const { verdict, summary, subjects } = (
          await locate(source, source.target(), [...args, '--jobs', jobs])
        ).report();
        return { verdict, summary, subjects };
      };
      const one = await found('1');
      expect(await found('2')).toEqual(one);
      expect(one.summary.traces).toBeGreaterThanOrEqual(FORMS.length);
    });

    it('writes no identifier in any output format', async () => {
      for (const format of ['json', 'markdown', 'html']) {
        const result = await locate(source, source.target(), [...SUBJECT, '--hash-key-env', 'KEY', '-f', format]);
        expect(result.stdout).toContain('found');
      }
    });

    it('exits 0, erased, for an absent subject, with every table or object read', async () => {
      const result = await locate(source, source.target(), [
        '--subject',
        'email=nobody@example.com',
        '--expect',
        'absent',
      ]);
      expect(result.exitCode).toBe(0);
      const report = result.report();
      expect(report.verdict).toBe('erased');
      expect(report.errors).toEqual([]);
      expect(report.coverage.tables.length + report.coverage.objects.length).toBeGreaterThan(0);
    });

    it('exits 2, never erased, when the source cannot be read', async () => {
      const result = await locate(source, source.unreadable(), [...SUBJECT, '--expect', 'absent']);
      expect(result.exitCode).toBe(2);
      expect(result.report().verdict).toBe('incomplete');
    });
  });

describe.skipIf(!PG_URL && !process.env['CI'])('scan findings in PostgreSQL', () => {
  it('are keyed by the row too', async () => {
    const result = await run(['scan', pgUrl(DB), '--format', 'json', '--detectors', 'email'], {
      cwd: makeTree(),
      env: {},
    });
    const findings = (JSON.parse(result.stdout) as { findings: Array<{ locations: Array<{ key?: object }> }> })
      .findings;
    expect(findings.flatMap((f) => f.locations.map((l) => l.key))).toContainEqual({ id: '100' });
  });
});
