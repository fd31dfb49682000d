// The PostgreSQL connector against a real server (test/servers/postgres.sh; .ci/run starts one).
// Schemas of several services hold plaintext, encrypted, hashed, masked and JSON columns.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, readTable, withLibpqSslModes } from '../../../src/connectors/postgres/driver.js';
import { toDatabaseTarget } from '../../../src/connectors/database/target.js';
import type { RowSink, TableInfo } from '../../../src/connectors/database/driver.js';
import { postgresDriver } from '../../../src/connectors/postgres/index.js';
import { dropDatabase, expectServer, freshDatabase, makeTree, parseReport, runCli } from '../../helpers.js';

const IGNORE: RowSink = {
  text: () => undefined,
  bytes: () => undefined,
  endRow: () => undefined,
  wait: () => undefined,
};

const ADMIN_URL = process.env['PIISCAN_TEST_PG_URL'];
const DB = 'piiscan_shop';
const READER_PASSWORD = 'reader-s3cret-pw';

function urlFor(database: string, user?: string, password?: string): string {
  const url = new URL(ADMIN_URL!);
  url.pathname = `/${database}`;
  if (user) url.username = user;
  if (password !== undefined) url.password = password;
  return url.toString();
}

async function sql(database: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(database) });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const SCHEMA = `
  CREATE SCHEMA orders; CREATE SCHEMA users_svc; CREATE SCHEMA analytics;
  CREATE TABLE orders.customers (id serial PRIMARY KEY, email text, phone varchar(40), notes text, ssn bigint, created timestamptz DEFAULT now(), profile jsonb, avatar bytea);
  INSERT INTO orders.customers (email, phone, notes, ssn, profile, avatar)
    SELECT 'customer' || i || '@example.com', '+1 202-555-01' || lpad((i % 100)::text, 2, '0'),
           CASE WHEN i % 4 = 0 THEN 'asked to call back on +44 20 7946 0958' ELSE 'no notes' END,
           536221000 + i, jsonb_build_object('contact', jsonb_build_object('email', 'alt' || i || '@example.com'), 'tags', jsonb_build_array('vip')),
           CASE WHEN i % 2 = 0 THEN '\\x89504e470d0a'::bytea ELSE convert_to('ship to ' || i || '@example.org', 'UTF8') END
      FROM generate_series(1, 200) i;
  CREATE TABLE orders.contacts_blank (id int, email text);
  INSERT INTO orders.contacts_blank VALUES (1, NULL), (2, ''), (3, 'n/a'), (4, 'N/A');
  CREATE TABLE users_svc.users (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), email_enc text, phone_enc text, email_masked text);
  INSERT INTO users_svc.users (email_enc, phone_enc, email_masked)
    SELECT 'vault:v1:' || encode(sha256(('e' || i)::bytea), 'base64'), 'AQICAH' || encode(sha256(('p' || i)::bytea), 'base64'), 'j***@example.com'
      FROM generate_series(1, 50) i;
  CREATE TABLE analytics.events (id bigserial PRIMARY KEY, user_email_sha256 text, payload json);
  INSERT INTO analytics.events (user_email_sha256, payload)
    SELECT encode(sha256(('u' || i)::bytea), 'hex'), json_build_object('ip', '203.0.113.' || (i % 250 + 1), 'items', json_build_array(json_build_object('sku', 'A1')))
      FROM generate_series(1, 100) i;
  CREATE TABLE public.audit_log (id bigserial PRIMARY KEY, message text);
  INSERT INTO public.audit_log (message) SELECT 'job ' || i || ' finished in ' || (i % 90) || 'ms' FROM generate_series(1, 19500) i;
  INSERT INTO public.audit_log (message) SELECT 'password reset for late' || i || '@example.com' FROM generate_series(1, 500) i;
  ANALYZE;
  CREATE TABLE orders.payroll (id int, iban text);
  INSERT INTO orders.payroll VALUES (1, 'DE89370400440532013000');
  CREATE ROLE piiscan_reader LOGIN PASSWORD '${READER_PASSWORD}';
  GRANT USAGE ON SCHEMA orders, users_svc, analytics, public TO piiscan_reader;
  GRANT SELECT ON ALL TABLES IN SCHEMA orders, users_svc, analytics, public TO piiscan_reader;
  REVOKE SELECT ON orders.payroll FROM piiscan_reader;
  GRANT INSERT ON orders.payroll TO piiscan_reader;`;

async function scanDb(args: string[], url = urlFor(DB, 'piiscan_reader', READER_PASSWORD)) {
  const result = await runCli(['scan', url, '--format', 'json', '--quiet', ...args]);
  return { ...result, report: parseReport(result.stdout) };
}

describe('sslmode', () => {
  it('is read as libpq reads it (require encrypts without checking the certificate), with no warning', () => {
    expect(withLibpqSslModes('postgres://u:p@h/db?sslmode=require')).toBe(
      'postgres://u:p@h/db?sslmode=require&uselibpqcompat=true',
    );
    expect(withLibpqSslModes('postgres://u:p@h/db')).toBe('postgres://u:p@h/db');
    expect(withLibpqSslModes('postgres://h/db?sslmode=require&uselibpqcompat=false')).toBe(
      'postgres://h/db?sslmode=require&uselibpqcompat=false',
    );
  });
});

describe.skipIf(!ADMIN_URL && !process.env['CI'])('postgres connector', () => {
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_PG_URL', 'postgres');
    await dropDatabase(ADMIN_URL!, DB);
    await sql('postgres', `DROP ROLE IF EXISTS piiscan_reader`);
    await freshDatabase(ADMIN_URL!, DB, { setup: [SCHEMA] });
  }, 60_000);

  afterAll(async () => {
    if (!ADMIN_URL) return;
    await dropDatabase(ADMIN_URL, DB);
    await sql('postgres', `DROP ROLE IF EXISTS piiscan_reader`);
  });

  it('finds column-level leak sites with their forms, JSON paths and services', async () => {
    const { exitCode, report } = await scanDb(['--seed', '7']);
    expect(exitCode).toBe(2); // orders.payroll: permission denied (see below)
    const sites = report.findings
      .map(
        (f) =>
          `${f.service} ${f.site.uri.replace(/^postgres:\/\/[^/]+\//, '')}${f.site.jsonPath ?? ''} ${f.detector} ${f.form} ${f.count}/${f.rowsScanned}`,
      )
      .sort();
    expect(sites).toEqual([
      'analytics piiscan_shop/analytics.events.payload$.ip ip_address plaintext 100/100',
      'analytics piiscan_shop/analytics.events.user_email_sha256 email hashed 100/100',
      'orders piiscan_shop/orders.customers.avatar email plaintext 100/200',
      'orders piiscan_shop/orders.customers.email email plaintext 200/200',
      'orders piiscan_shop/orders.customers.notes phone plaintext 50/200',
      'orders piiscan_shop/orders.customers.phone phone plaintext 200/200',
      'orders piiscan_shop/orders.customers.profile$.contact.email email plaintext 200/200',
      'orders piiscan_shop/orders.customers.ssn us_ssn plaintext 200/200',
      'piiscan_shop piiscan_shop/public.audit_log.message email plaintext 500/20000',
      'users_svc piiscan_shop/users_svc.users.email_enc email encrypted 50/50',
      'users_svc piiscan_shop/users_svc.users.email_masked email masked 50/50',
      'users_svc piiscan_shop/users_svc.users.phone_enc phone encrypted 50/50',
    ]);
    expect(report.findings.every((f) => f.site.kind === 'column' && f.site.template === '')).toBe(true);
    const avatar = report.coverage.tables.find((t) => t.table === 'orders.customers')!;
    expect(avatar).toMatchObject({
      rowsScanned: 200,
      sampled: false,
      method: 'full',
      skippedColumns: 1,
      skippedValues: 100,
    });
  });

  it('scans on worker threads with the same findings, coverage and errors as on one thread', async () => {
    const strip = (r: ReturnType<typeof parseReport>) => ({
      findings: r.findings,
      tables: r.coverage.tables,
      errors: r.errors,
    });
    const one = await scanDb(['--seed', '7', '--jobs', '1']);
    const workers = await scanDb(['--seed', '7', '--jobs', '2', '--concurrency', '3']);
    expect(workers.exitCode).toBe(2);
    expect(strip(workers.report)).toEqual(strip(one.report));
    expect(one.report.findings.length).toBeGreaterThan(10);
    // A table cut short by its statement timeout fails alone, on worker threads too.
    const slow = await scanDb(['--include', 'public.audit_log', '--full', '--statement-timeout', '1', '--jobs', '2']);
    expect(slow.report.errors).toEqual([
      { source: expect.stringContaining('public.audit_log'), message: expect.stringMatching(/^statement timeout/) },
    ]);
  });

  it('samples large tables so that PII only in the newest rows is still found, repeatably', async () => {
    const a = await scanDb(['--sample-rows', '2000', '--seed', '42', '--include', 'public.*']);
    const table = a.report.coverage.tables.find((t) => t.table === 'public.audit_log')!;
    expect(table).toMatchObject({
      sampled: true,
      seed: 42,
      rowsEstimated: 20000,
      method: 'TABLESAMPLE BERNOULLI (10.00) REPEATABLE (42)',
    });
    expect(table.rowsScanned).toBeGreaterThan(1500);
    expect(table.rowsScanned).toBeLessThan(2500);
    const found = a.report.findings.find((f) => f.site.uri.endsWith('public.audit_log.message'))!;
    expect(found.count).toBeGreaterThan(10);
    const b = await scanDb(['--sample-rows', '2000', '--seed', '42', '--include', 'public.*']);
    expect(b.report.coverage.tables).toEqual(a.report.coverage.tables);
    expect(b.report.findings.map((f) => f.count)).toEqual(a.report.findings.map((f) => f.count));
    const full = await scanDb(['--sample-rows', '2000', '--full', '--include', 'public.*']);
    expect(full.report.coverage.tables[0]).toMatchObject({ rowsScanned: 20000, sampled: false });
  });

  it('does not report a PII-named column holding only empty and placeholder values', async () => {
    const { report } = await scanDb(['--include', 'orders.contacts_blank']);
    expect(report.findings).toEqual([]);
    expect(report.coverage.tables).toEqual([
      expect.objectContaining({ table: 'orders.contacts_blank', rowsScanned: 4 }),
    ]);
  });

  it('scans in a read-only transaction', async () => {
    const client = new pg.Client({ connectionString: urlFor(DB, 'piiscan_reader', READER_PASSWORD) });
    await client.connect();
    try {
      const table: TableInfo = {
        schema: 'orders',
        table: 'contacts_blank',
        columns: [{ name: 'email', kind: 'text' }],
        skippedColumns: [],
        estimatedRows: 4,
      };
      // Queued while the rows stream, the INSERT runs in the read's transaction, before its ROLLBACK.
      let insert: Promise<unknown> | undefined;
      const sink: RowSink = {
        text: () => undefined,
        bytes: () => undefined,
        endRow: () =>
          void (insert ??= client.query('INSERT INTO orders.payroll VALUES (2, NULL)').catch((e: unknown) => e)),
        wait: () => undefined,
      };
      await readTable(
        client,
        table,
        { sampleRows: 100, full: false, seed: 1, statementTimeoutMs: 10_000, lockTimeoutMs: 1_000 },
        sink,
      );
      expect(await insert).toMatchObject({ message: expect.stringMatching(/read-only transaction/) });
    } finally {
      await client.end();
    }
  });

  it('lists a table it may not read and goes on; keeps the password out of everything', async () => {
    const { exitCode, report, stdout, stderr } = await scanDb(['--include', 'orders.*']);
    expect(exitCode).toBe(2);
    expect(report.errors).toEqual([
      {
        source: expect.stringContaining('orders.payroll'),
        message:
          'permission denied for table orders.payroll, not read: GRANT SELECT ON orders.payroll TO piiscan_reader',
      },
    ]);
    expect(report.findings.length).toBeGreaterThan(3);
    expect(report.targets[0]).toMatch(/^postgres:\/\/\*\*\*@127\.0\.0\.1:\d+\/piiscan_shop$/);
    expect(stdout + stderr).not.toContain(READER_PASSWORD);
  });

  it('names every connection failure in one line, exit 2', async () => {
    const port = new URL(ADMIN_URL!).port;
    const cases: Array<[string, RegExp]> = [
      [
        `postgres://piiscan_reader:${READER_PASSWORD}@127.0.0.1:1/${DB}`,
        /^connection refused by 127\.0\.0\.1:1: is the server running/,
      ],
      [
        `postgres://piiscan_reader:${READER_PASSWORD}@no-such-host.invalid:5432/${DB}`,
        /^unknown host no-such-host\.invalid: check the host name/,
      ],
      [
        urlFor(DB, 'piiscan_reader', 'wrong-password'),
        /^password authentication failed for user "piiscan_reader": check the password/,
      ],
      [
        urlFor('no_such_db', 'piiscan_reader', READER_PASSWORD),
        /^database "no_such_db" does not exist: check the database name/,
      ],
      [`${urlFor(DB, 'piiscan_reader', READER_PASSWORD)}?sslmode=require`, /^the server does not support TLS/],
    ];
    for (const [url, message] of cases) {
      const { exitCode, report, stdout } = await scanDb([], url);
      expect(exitCode, url).toBe(2);
      expect(report.errors, url).toHaveLength(1);
      expect(report.errors[0]!.message, url).toMatch(message);
      expect(stdout).not.toContain('wrong-password');
      expect(port).toBeTruthy();
    }
    // The terminal summary counts the database's tables, not files.
    const refused = await runCli(['scan', cases[0]![0], '--format', 'table']);
    expect(refused.stdout).toContain('Scanned 0 tables, 0 rows, 0 B; 1 source failed.');
  });

  it('names a URL without the password the server asks for in one line, and scans the other targets', async () => {
    const dir = makeTree({ 'app/app.log': 'signup for ann@example.com\n' });
    const url = new URL(urlFor(DB, 'piiscan_reader'));
    url.password = '';
    const result = await runCli(['scan', 'app', url.toString(), '--format', 'json', '--quiet'], dir);
    const report = parseReport(result.stdout);
    expect(result.exitCode).toBe(2);
    expect(report.errors).toEqual([
      {
        source: expect.stringMatching(/^postgres:\/\/\*\*\*@127\.0\.0\.1:\d+\/piiscan_shop$/),
        message: expect.stringMatching(
          /^the server at 127\.0\.0\.1:\d+ asks for a password and none was given: put it in the URL, PGPASSWORD/,
        ),
      },
    ]);
    expect(report.findings.map((f) => f.site.uri)).toEqual([expect.stringMatching(/^file:\/\/app\/app\.log/)]);
  });

  it('names an error no connector foresaw in one line (table or source), exit 2, and scans the rest', async () => {
    // The seam: a real driver on the real server whose readTable (one table) or listTables fails
    // with an error piiscan has no message for. The driver itself is not mocked.
    const real = postgresDriver.connect;
    const stale = Object.assign(new Error('ESTALE: stale file handle, read'), { code: 'ESTALE' });
    const dir = makeTree({ 'app/app.log': 'signup for ann@example.com\n' });
    try {
      postgresDriver.connect = async (target, options) => {
        const driver = await real(target, options);
        return {
          ...driver,
          readTable: (table, plan, sink) =>
            table.table === 'customers' ? Promise.reject(stale) : driver.readTable(table, plan, sink),
        };
      };
      const table = await runCli(
        [
          'scan',
          'app',
          urlFor(DB, 'piiscan_reader', READER_PASSWORD),
          '--include',
          'orders.*,users_svc.*',
          '--format',
          'json',
          '--quiet',
        ],
        dir,
      );
      const report = parseReport(table.stdout);
      expect(table.exitCode).toBe(2);
      expect(report.errors).toEqual([
        { source: expect.stringContaining('orders.payroll'), message: expect.stringMatching(/^permission denied/) },
        {
          source: expect.stringMatching(/^postgres:\/\/\*\*\*@127\.0\.0\.1:\d+\/piiscan_shop orders\.customers$/),
          message: 'unexpected error ESTALE: stale file handle, read',
        },
      ]);
      expect(report.findings.some((f) => f.site.uri.includes('/users_svc.users.'))).toBe(true);
      expect(report.findings.some((f) => f.site.uri.startsWith('file://app/app.log'))).toBe(true);

      postgresDriver.connect = async (target, options) => ({
        ...(await real(target, options)),
        listTables: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'rows')")),
      });
      const source = await runCli(
        ['scan', 'app', urlFor(DB, 'piiscan_reader', READER_PASSWORD), '--format', 'json', '--quiet'],
        dir,
      );
      expect(source.exitCode).toBe(2);
      expect(parseReport(source.stdout).errors).toEqual([
        {
          source: expect.stringMatching(/^postgres:\/\/\*\*\*@[^ ]+\/piiscan_shop$/),
          message: "unexpected error TypeError: Cannot read properties of undefined (reading 'rows')",
        },
      ]);
      expect(parseReport(source.stdout).findings.map((f) => f.site.uri)).toEqual([
        expect.stringMatching(/^file:\/\/app\/app\.log/),
      ]);
    } finally {
      postgresDriver.connect = real;
    }
  });

  it('reports every table, column and schema the scan user may not read, in coverage and errors with the grant it needs', async () => {
    await freshDatabase(ADMIN_URL!, 'piiscan_grants', {
      setup: [
        `CREATE SCHEMA hr; CREATE TABLE hr.salaries (id int, iban text); INSERT INTO hr.salaries VALUES (1, 'DE89370400440532013000');
       CREATE TABLE public.staff (id int, email text, "Home Phone" text, hired date); INSERT INTO public.staff VALUES (1, 'ann@example.com', '+1 202-555-0143', now());
       CREATE TABLE public.vault (id int, secret_note text); INSERT INTO public.vault VALUES (1, 'call +1 202-555-0143');
       CREATE TABLE public.open_notes (note text); INSERT INTO public.open_notes VALUES ('mail bob@example.com');
       GRANT SELECT ON hr.salaries, public.open_notes TO piiscan_reader;
       GRANT SELECT (id, email, hired) ON public.staff TO piiscan_reader;`,
      ],
    });
    const { exitCode, report } = await scanDb([], urlFor('piiscan_grants', 'piiscan_reader', READER_PASSWORD));
    expect(exitCode).toBe(2);
    const source = (table: string) =>
      expect.stringMatching(
        new RegExp(`^postgres://\\*\\*\\*@127\\.0\\.0\\.1:\\d+/piiscan_grants ${table.replace('.', '\\.')}$`),
      );
    expect(report.errors).toEqual([
      {
        source: source('hr.salaries'),
        message: 'permission denied for schema hr, not read: GRANT USAGE ON SCHEMA hr TO piiscan_reader',
      },
      {
        source: source('public.staff'),
        message:
          'permission denied for column Home Phone of public.staff, not read: GRANT SELECT ("Home Phone") ON public.staff TO piiscan_reader',
      },
      {
        source: source('public.vault'),
        message: 'permission denied for table public.vault, not read: GRANT SELECT ON public.vault TO piiscan_reader',
      },
    ]);
    const tables = Object.fromEntries(
      report.coverage.tables.map((t) => [
        t.table,
        { method: t.method, rowsScanned: t.rowsScanned, denied: t.denied?.columns },
      ]),
    );
    expect(tables).toEqual({
      'hr.salaries': { method: 'not read: permission denied', rowsScanned: 0, denied: [] },
      'public.open_notes': { method: 'full', rowsScanned: 1, denied: undefined },
      'public.staff': { method: 'full', rowsScanned: 1, denied: ['Home Phone'] },
      'public.vault': { method: 'not read: permission denied', rowsScanned: 0, denied: ['id', 'secret_note'] },
    });
    // The columns it may read are still scanned.
    expect(report.findings.map((f) => f.site.uri.replace(/^.*\//, '')).sort()).toEqual([
      'public.open_notes.note',
      'public.staff.email',
    ]);
    // Selection applies to what is denied too.
    const selected = await scanDb(
      ['--include', 'public.staff.email'],
      urlFor('piiscan_grants', 'piiscan_reader', READER_PASSWORD),
    );
    expect(selected.exitCode).toBe(1);
    expect(selected.report.errors).toEqual([]);
    await dropDatabase(ADMIN_URL!, 'piiscan_grants');
  });

  it('reports a statement timeout and a table dropped during the scan', async () => {
    const slow = await scanDb(['--include', 'public.audit_log', '--full', '--statement-timeout', '1']);
    expect(slow.report.errors).toEqual([
      { source: expect.stringContaining('public.audit_log'), message: expect.stringMatching(/^statement timeout/) },
    ]);
    const client = new pg.Client({ connectionString: urlFor(DB, 'piiscan_reader', READER_PASSWORD) });
    await client.connect();
    try {
      const gone: TableInfo = {
        schema: 'orders',
        table: 'dropped_meanwhile',
        columns: [{ name: 'email', kind: 'text' }],
        skippedColumns: [],
        estimatedRows: 10,
      };
      await expect(
        readTable(
          client,
          gone,
          { sampleRows: 100, full: false, seed: 1, statementTimeoutMs: 10_000, lockTimeoutMs: 1_000 },
          IGNORE,
        ),
      ).rejects.toMatchObject({ code: '42P01' });
    } finally {
      await client.end();
    }
  });
});

describe.skipIf(!ADMIN_URL && !process.env['CI'])('postgres ownership and selection', () => {
  it('lets config rules over postgres:// URIs name the service, and selects columns by glob', async () => {
    await freshDatabase(ADMIN_URL!, 'piiscan_own', {
      setup: [
        "CREATE TABLE public.customers (email text, phone text, note text); INSERT INTO public.customers VALUES ('a@example.com', '+1 202-555-0143', 'x')",
      ],
    });
    const dir = makeTree({
      'piiscan.yaml':
        'services:\n  - service: crm\n    match: "postgres://*/piiscan_own/public.customers.*"\n    owner: { team: crm-team }\n',
    });
    const result = await runCli(
      ['scan', urlFor('piiscan_own'), '--format', 'json', '--exclude', 'public.customers.phone'],
      dir,
    );
    const report = parseReport(result.stdout);
    expect(
      report.findings.map((f) => [f.service, f.serviceSource, f.owner?.team, f.site.uri.split('/').pop()]),
    ).toEqual([['crm', 'services[0]', 'crm-team', 'public.customers.email']]);
    expect(report.coverage.tables[0]).toMatchObject({ table: 'public.customers', skippedColumns: 1 });
    const defaults = parseReport(
      (await runCli(['scan', urlFor('piiscan_own'), '--format', 'json', '--include', 'public.customers.phone'])).stdout,
    );
    expect(defaults.findings.map((f) => [f.service, f.serviceSource, f.detector])).toEqual([
      ['piiscan_own', 'schema', 'phone'],
    ]);
    await dropDatabase(ADMIN_URL!, 'piiscan_own');
  });
});

describe.skipIf(!ADMIN_URL && !process.env['CI'])('config sources', () => {
  it('scans a source by name with its password from the environment, and all sources without a target', async () => {
    await freshDatabase(ADMIN_URL!, 'piiscan_src', {
      setup: ["CREATE TABLE t (email text); INSERT INTO t VALUES ('s@example.com')"],
    });
    const { run } = await import('../../../src/cli/main.js');
    const admin = new URL(urlFor('piiscan_src'));
    const password = decodeURIComponent(admin.password);
    admin.password = '';
    const dir = makeTree({
      'piiscan.yaml': `sources:\n  - name: src-db\n    url: "${admin.toString()}"\n    passwordEnv: SRC_DB_PASSWORD\n`,
    });
    const env = { SRC_DB_PASSWORD: password };
    for (const argv of [
      ['scan', 'src-db', '-f', 'json'],
      ['scan', '-f', 'json'],
    ]) {
      const result = await run(argv, { cwd: dir, env });
      const report = parseReport(result.stdout);
      expect(
        report.findings.map((f) => f.detector),
        argv.join(' '),
      ).toEqual(['email']);
      expect(report.targets).toEqual([admin.toString().replace(/\/\/[^@/]+@/, '//***@')]);
      expect(result.stdout + result.stderr).not.toContain(password);
    }
    expect(await run(['scan', 'src-db'], { cwd: dir, env: {} })).toMatchObject({
      exitCode: 2,
      stderr: 'piiscan: sources[0].passwordEnv: the environment variable SRC_DB_PASSWORD is not set\n',
    });
    expect(await run(['scan'], { cwd: makeTree(), env: {} })).toMatchObject({
      exitCode: 2,
      stderr:
        'piiscan: give a target (a file, a folder, a database URL or an s3:// URL), or define sources in piiscan.yaml\n',
    });
    await dropDatabase(ADMIN_URL!, 'piiscan_src');
  });
});

describe.skipIf(!ADMIN_URL && !process.env['CI'])('postgres invalid encoding', () => {
  it('scans a column holding bytes that are not UTF-8 without failing the table', async () => {
    await freshDatabase(ADMIN_URL!, 'piiscan_ascii', {
      setup: [
        "CREATE TABLE t (note text); INSERT INTO t VALUES (E'caf\\\\xe9 \\\\xff\\\\xfe'), ('write to enc@example.com')",
      ],
      options: "ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0",
    });
    const { exitCode, report } = await scanDb([], urlFor('piiscan_ascii'));
    expect(exitCode).toBe(1);
    expect(report.errors).toEqual([]);
    expect(report.coverage.tables[0]).toMatchObject({ rowsScanned: 2 });
    expect(report.findings.map((f) => f.detector)).toEqual(['email']);
    await dropDatabase(ADMIN_URL!, 'piiscan_ascii');
  });
});

describe.skipIf(!ADMIN_URL && !process.env['CI'])('postgres binary COPY', () => {
  it('reads every value as its text (bytea as its bytes), escapes and NULLs included, and scans them', async () => {
    await freshDatabase(ADMIN_URL!, 'piiscan_copy', {
      setup: [
        `CREATE TYPE mood AS ENUM ('calm', 'tab\there');
       CREATE TABLE t (note text, code char(6), amount numeric, phone_number bigint, doc jsonb, raw bytea, feeling mood);
       INSERT INTO t VALUES
         (E'line one\\nline two\\tand a tab \\\\ backslash', 'ab', 12.50, -4155550142, '{"contact": {"email": "copy@example.com"}}', decode('636166c3a9', 'hex'), 'tab\there'),
         (NULL, NULL, NULL, NULL, NULL, NULL, NULL),
         ('', '', 0, 0, '[]', '\\xfffe'::bytea, 'calm'),
         ('日本語 and an emoji 🎉 then phone +1 202-555-0143', 'x', 1, 1, 'null', ''::bytea, NULL);`,
      ],
    });
    const client = new pg.Client({ connectionString: urlFor('piiscan_copy') });
    await client.connect();
    const rows: Array<Array<string | null>> = [[]];
    try {
      const kinds = ['text', 'text', 'number', 'number', 'json', 'bytes', 'text'] as const;
      const table: TableInfo = {
        schema: 'public',
        table: 't',
        columns: ['note', 'code', 'amount', 'phone_number', 'doc', 'raw', 'feeling'].map((name, i) => ({
          name,
          kind: kinds[i]!,
        })),
        skippedColumns: [],
        estimatedRows: 4,
      };
      const sink: RowSink = {
        text: (_i, value) => void rows.at(-1)!.push(value),
        bytes: (i, src, start, end) =>
          void rows
            .at(-1)!
            .push(
              kinds[i] === 'bytes'
                ? `bytes:${Buffer.from(src.subarray(start, end)).toString('hex')}`
                : Buffer.from(src.subarray(start, end)).toString('utf8'),
            ),
        endRow: () => void rows.push([]),
        wait: () => undefined,
      };
      await readTable(
        client,
        table,
        { sampleRows: 100, full: true, seed: 1, statementTimeoutMs: 10_000, lockTimeoutMs: 1_000 },
        sink,
      );
    } finally {
      await client.end();
    }
    expect(rows.slice(0, -1)).toEqual([
      [
        'line one\nline two\tand a tab \\ backslash',
        'ab',
        '12.50',
        '-4155550142',
        '{"contact": {"email": "copy@example.com"}}',
        'bytes:636166c3a9',
        'tab\there',
      ],
      [null, null, null, null, null, null, null],
      ['', '', '0', '0', '[]', 'bytes:fffe', 'calm'],
      ['日本語 and an emoji 🎉 then phone +1 202-555-0143', 'x', '1', '1', 'null', 'bytes:', null],
    ]);
    const { report } = await scanDb(['--full'], urlFor('piiscan_copy'));
    expect(report.errors).toEqual([]);
    // The bigint is a phone number by its digits and its column's name; the minus sign is dropped.
    const sites = report.findings.map((f) => [
      f.site.uri.replace(/^.*\//, ''),
      f.site.jsonPath,
      f.detector,
      f.form,
      f.count,
    ]);
    expect(sites.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['public.t.doc', '$.contact.email', 'email', 'plaintext', 1],
      ['public.t.note', undefined, 'phone', 'plaintext', 1],
      ['public.t.phone_number', undefined, 'phone', 'plaintext', 1],
    ]);
    expect(report.coverage.tables[0]).toMatchObject({ rowsScanned: 4, skippedValues: 1 });
    await dropDatabase(ADMIN_URL!, 'piiscan_copy');
  });

  it('fails a table whose connection is ended in the middle of its COPY in one line, and the next table on it too', async () => {
    await freshDatabase(ADMIN_URL!, 'piiscan_cut', {
      setup: [
        `CREATE TABLE big AS SELECT i, 'user' || i || '@example.com' AS email FROM generate_series(1, 200000) i;`,
      ],
    });
    const driver = await connectPostgres(toDatabaseTarget(urlFor('piiscan_cut')));
    let read = 0;
    let ended = false;
    // The first time the reader may wait, another session ends piiscan's connection.
    const end = () =>
      sql(
        'postgres',
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'piiscan_cut' AND application_name = 'piiscan'",
      );
    const sink: RowSink = {
      ...IGNORE,
      endRow: () => void read++,
      wait: () => (ended ? undefined : ((ended = true), end())),
    };
    const table: TableInfo = {
      schema: 'public',
      table: 'big',
      columns: [{ name: 'email', kind: 'text' }],
      skippedColumns: [],
      estimatedRows: 200_000,
    };
    const plan = { sampleRows: 100, full: true, seed: 1, statementTimeoutMs: 10_000, lockTimeoutMs: 1_000 };
    const failure = await driver.readTable(table, plan, sink).then(
      () => undefined,
      (error: unknown) => error,
    );
    const next = await driver.readTable(table, plan, IGNORE).then(
      () => undefined,
      (error: unknown) => error,
    );
    await driver.close().catch(() => undefined);
    // Whether the server's FATAL message arrives before the socket closes is a race: either way
    // the table fails in one line saying the connection ended.
    expect(driver.describeError(failure)).toMatch(
      /^(?:the server ended the connection \(terminating connection due to administrator command\)|the connection to 127\.0\.0\.1:\d+ was lost: [^\n]+)$/,
    );
    expect(driver.describeError(next)).toMatch(/^the connection to 127\.0\.0\.1:\d+ was lost: [^\n]+$/);
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(200_000);
    await dropDatabase(ADMIN_URL!, 'piiscan_cut');
  });
});
