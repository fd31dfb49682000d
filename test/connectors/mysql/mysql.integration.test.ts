// The MySQL/MariaDB connector against a real server (test/servers/mariadb.sh; .ci/run starts one).
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDatabaseTarget } from '../../../src/connectors/database/target.js';
import { connectMysql } from '../../../src/connectors/mysql/driver.js';
import { mysqlDriver } from '../../../src/connectors/mysql/index.js';
import {
  dropDatabase,
  expectServer,
  freshDatabase,
  makeTree,
  parseReport,
  runCli,
  runStatements,
} from '../../helpers.js';

const ADMIN_URL = process.env['PIISCAN_TEST_MYSQL_URL'];
const READER_PASSWORD = 'reader-s3cret-pw';
const PLAN = { sampleRows: 100_000, full: false, seed: 1, statementTimeoutMs: 10_000, lockTimeoutMs: 1_000 };

function urlFor(database: string, user = 'piiscan_reader', password = READER_PASSWORD): string {
  const url = new URL(ADMIN_URL!);
  url.pathname = `/${database}`;
  url.username = user;
  url.password = password;
  return url.toString();
}

const DATABASES = ['piiscan_payments', 'piiscan_crm'];
const DROP_READER = "DROP USER IF EXISTS 'piiscan_reader'@'%'";
const SETUP = [
  DROP_READER,
  `CREATE TABLE piiscan_payments.cards (id int PRIMARY KEY AUTO_INCREMENT, holder_email varchar(200), pan varchar(30), pan_masked varchar(30),
     phone bigint, meta json, receipt blob, created datetime DEFAULT now())`,
  `INSERT INTO piiscan_payments.cards (holder_email, pan, pan_masked, phone, meta, receipt)
     SELECT concat('holder', seq, '@example.com'), '4111111111111111', '**** **** **** 4242', 12025550143,
            json_object('iban', 'DE89370400440532013000'), IF(seq % 2 = 0, 0x89504e47, concat('mail to r', seq, '@example.org'))
       FROM seq_1_to_120`,
  'CREATE TABLE piiscan_crm.leads (id bigint PRIMARY KEY, note text, email_sha1 char(40))',
  "INSERT INTO piiscan_crm.leads SELECT seq, concat('lead ', seq, ' contacted'), sha1(concat('l', seq)) FROM seq_1_to_19500",
  "INSERT INTO piiscan_crm.leads SELECT seq, concat('lead wrote from new', seq, '@example.com'), sha1(concat('l', seq)) FROM seq_19501_to_20000",
  'ANALYZE TABLE piiscan_crm.leads',
  'CREATE TABLE piiscan_crm.secret_notes (id int, ssn char(11))',
  "INSERT INTO piiscan_crm.secret_notes VALUES (1, '536-22-1234')",
  `CREATE USER 'piiscan_reader'@'%' IDENTIFIED BY '${READER_PASSWORD}'`,
  "GRANT SELECT ON piiscan_payments.* TO 'piiscan_reader'@'%'",
  "GRANT SELECT ON piiscan_crm.leads TO 'piiscan_reader'@'%'",
  "GRANT INSERT ON piiscan_crm.secret_notes TO 'piiscan_reader'@'%'",
];

async function scanDb(args: string[], url = urlFor('')) {
  const result = await runCli(['scan', url, '--format', 'json', '--quiet', ...args]);
  return { ...result, report: parseReport(result.stdout) };
}

describe.skipIf(!ADMIN_URL && !process.env['CI'])('mysql connector (MariaDB)', () => {
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_MYSQL_URL', 'mariadb');
    for (const database of DATABASES) await freshDatabase(ADMIN_URL!, database);
    await runStatements(ADMIN_URL!, SETUP);
  }, 60_000);

  afterAll(async () => {
    if (!ADMIN_URL) return;
    for (const database of DATABASES) await dropDatabase(ADMIN_URL, database);
    await runStatements(ADMIN_URL, [DROP_READER]);
  });

  it('finds column-level leak sites in every readable database, with forms and JSON paths', async () => {
    const { report } = await scanDb(['--seed', '3']);
    const sites = report.findings
      .map(
        (f) =>
          `${f.service} ${f.site.uri.replace(/^mysql:\/\/[^/]+\//, '')}${f.site.jsonPath ?? ''} ${f.detector} ${f.form} ${f.count}/${f.rowsScanned}`,
      )
      .sort();
    expect(sites).toContain('piiscan_payments piiscan_payments/cards.meta$.iban iban plaintext 120/120');
    expect(sites).toContain('piiscan_payments piiscan_payments/cards.pan credit_card plaintext 120/120');
    expect(sites).toContain('piiscan_payments piiscan_payments/cards.pan_masked credit_card masked 120/120');
    expect(sites).toContain('piiscan_payments piiscan_payments/cards.phone phone plaintext 120/120');
    expect(sites).toContain('piiscan_payments piiscan_payments/cards.receipt email plaintext 60/120');
    expect(sites).toContain('piiscan_payments piiscan_payments/cards.holder_email email plaintext 120/120');
    expect(sites.filter((s) => s.includes('email_sha1 email hashed'))).toHaveLength(1);
    expect(report.coverage.tables.find((t) => t.table === 'piiscan_payments.cards')).toMatchObject({
      skippedColumns: 1,
      skippedValues: 60,
      method: 'full',
    });
  });

  it('samples by random key ranges that reach the newest rows, repeatably', async () => {
    const a = await scanDb(['--sample-rows', '2000', '--seed', '11', '--include', 'piiscan_crm.leads']);
    const table = a.report.coverage.tables[0]!;
    expect(table).toMatchObject({ table: 'piiscan_crm.leads', sampled: true, seed: 11 });
    expect(table.rowsEstimated).toBeGreaterThan(15000); // InnoDB's estimate, not an exact count
    expect(table.method).toMatch(/^16 random id ranges of 1[23]\d keys \(seed 11\)$/);
    expect(table.rowsScanned).toBeGreaterThan(1000);
    expect(table.rowsScanned).toBeLessThanOrEqual(2000);
    const b = await scanDb(['--sample-rows', '2000', '--seed', '11', '--include', 'piiscan_crm.leads']);
    expect(b.report.coverage.tables).toEqual(a.report.coverage.tables);
    const full = await scanDb(['--full', '--include', 'piiscan_crm.leads']);
    expect(full.report.findings.find((f) => f.site.uri.endsWith('leads.note'))).toMatchObject({
      count: 500,
      rowsScanned: 20000,
    });
  });

  it('reads in a read-only session', async () => {
    const plan = PLAN;
    const driver = await connectMysql(toDatabaseTarget(urlFor('piiscan_payments')), plan);
    const tables = await driver.listTables();
    let rows = 0;
    await driver.readTable(tables[0]!, plan, {
      text: () => undefined,
      bytes: () => undefined,
      endRow: () => void rows++,
      wait: () => undefined,
    });
    expect(rows).toBeGreaterThan(0);
    await driver.close();
    const session = await mysql.createConnection(urlFor('piiscan_payments'));
    await session.query('SET SESSION TRANSACTION READ ONLY');
    await expect(session.query("INSERT INTO piiscan_crm.secret_notes VALUES (2, 'x')")).rejects.toThrow(
      /READ ONLY transaction/i,
    );
    await session.end();
  });

  it('reports a statement timeout on one table and a table dropped during the scan', async () => {
    const slow = await scanDb(['--include', 'piiscan_crm.leads', '--full', '--statement-timeout', '1']);
    expect(slow.exitCode).toBe(2);
    expect(slow.report.errors).toEqual([
      { source: expect.stringMatching(/piiscan_crm\.leads$/), message: expect.stringMatching(/^statement timeout/) },
    ]);
    const driver = await connectMysql(toDatabaseTarget(urlFor('piiscan_payments')), PLAN);
    const gone = {
      schema: 'piiscan_payments',
      table: 'dropped_meanwhile',
      columns: [{ name: 'email', kind: 'text' as const }],
      skippedColumns: [],
      estimatedRows: 10,
    };
    const error = await driver
      .readTable(gone, PLAN, {
        text: () => undefined,
        bytes: () => undefined,
        endRow: () => undefined,
        wait: () => undefined,
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    await driver.close();
    expect(driver.describeError(error)).toMatch(/^the table no longer exists|SELECT command denied/);
  });

  it('fails a table whose connection is killed while it is read in one line, and the next table on it too', async () => {
    const driver = await connectMysql(toDatabaseTarget(urlFor('piiscan_crm')), PLAN);
    const leads = (await driver.listTables()).find((t) => t.table === 'leads')!;
    const admin = await mysql.createConnection(ADMIN_URL!);
    let read = 0;
    let killed = false;
    // The first time the reader may wait, an administrator kills the reader's connections.
    const kill = async () => {
      const [sessions] = await admin.query(
        "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = 'piiscan_reader'",
      );
      for (const { ID } of sessions as Array<{ ID: number }>) await admin.query(`KILL ${ID}`);
    };
    const ignore = { text: () => undefined, bytes: () => undefined, endRow: () => undefined, wait: () => undefined };
    const sink = { ...ignore, endRow: () => void read++, wait: () => (killed ? undefined : ((killed = true), kill())) };
    const failure = await driver.readTable(leads, { ...PLAN, full: true }, sink).then(
      () => undefined,
      (e: unknown) => e,
    );
    const next = await driver.readTable(leads, PLAN, ignore).then(
      () => undefined,
      (e: unknown) => e,
    );
    await driver.close().catch(() => undefined);
    await admin.end();
    expect(driver.describeError(failure)).toMatch(
      /^(?:the server ended the connection \(Connection was killed\)|the connection to \S+ was lost: [^\n]+)$/,
    );
    expect(driver.describeError(next)).toMatch(/^the connection to \S+ was lost: [^\n]+$/);
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(20_000);
  });

  it('names an error no connector foresaw in one line (table or source), exit 2, and scans the rest', async () => {
    // The seam: a real driver on the real server whose readTable (one table) or listTables fails
    // with an error piiscan has no message for. The driver itself is not mocked.
    const real = mysqlDriver.connect;
    const timedOut = Object.assign(new Error('read ETIMEDOUT'), { code: 'ETIMEDOUT_READ', fatal: true });
    const dir = makeTree({ 'app/app.log': 'signup for ann@example.com\n' });
    try {
      mysqlDriver.connect = async (target, options) => {
        const driver = await real(target, options);
        return {
          ...driver,
          readTable: (table, plan, sink) =>
            table.table === 'leads' ? Promise.reject(timedOut) : driver.readTable(table, plan, sink),
        };
      };
      const table = await runCli(['scan', 'app', urlFor(''), '--format', 'json', '--quiet'], dir);
      const report = parseReport(table.stdout);
      expect(table.exitCode).toBe(2);
      expect(report.errors).toContainEqual({
        source: expect.stringMatching(/^mysql:\/\/\*\*\*@127\.0\.0\.1:\d+\/ piiscan_crm\.leads$/),
        message: 'unexpected error ETIMEDOUT_READ: read ETIMEDOUT',
      });
      expect(report.findings.some((f) => f.site.uri.includes('/piiscan_payments/cards.'))).toBe(true);
      expect(report.findings.some((f) => f.site.uri.startsWith('file://app/app.log'))).toBe(true);

      mysqlDriver.connect = async (target, options) => ({
        ...(await real(target, options)),
        listTables: () => Promise.reject(new RangeError('Invalid array length')),
      });
      const source = await runCli(['scan', 'app', urlFor(''), '--format', 'json', '--quiet'], dir);
      expect(source.exitCode).toBe(2);
      expect(parseReport(source.stdout).errors).toEqual([
        {
          source: expect.stringMatching(/^mysql:\/\/\*\*\*@[^ ]+\/$/),
          message: 'unexpected error RangeError: Invalid array length',
        },
      ]);
      expect(parseReport(source.stdout).findings.map((f) => f.site.uri)).toEqual([
        expect.stringMatching(/^file:\/\/app\/app\.log/),
      ]);
    } finally {
      mysqlDriver.connect = real;
    }
  });

  it('reports tables and columns the scan user may not read, in coverage and errors with the grant it needs', async () => {
    await freshDatabase(ADMIN_URL!, 'piiscan_grants', {
      setup: [
        'CREATE TABLE piiscan_grants.staff (id int, email varchar(100), home_phone varchar(40))',
        "INSERT INTO piiscan_grants.staff VALUES (1, 'ann@example.com', '+1 202-555-0143')",
        'CREATE TABLE piiscan_grants.intake (id int, ssn char(11))',
        'CREATE TABLE piiscan_grants.open_notes (note text)',
        "INSERT INTO piiscan_grants.open_notes VALUES ('mail bob@example.com')",
        "GRANT SELECT (id, email) ON piiscan_grants.staff TO 'piiscan_reader'@'%'",
        "GRANT INSERT ON piiscan_grants.intake TO 'piiscan_reader'@'%'",
        "GRANT SELECT ON piiscan_grants.open_notes TO 'piiscan_reader'@'%'",
      ],
    });
    try {
      const { exitCode, report } = await scanDb([], urlFor('piiscan_grants'));
      expect(exitCode).toBe(2);
      expect(report.errors).toEqual([
        {
          source: expect.stringMatching(/ piiscan_grants\.intake$/),
          message:
            "permission denied for table piiscan_grants.intake, not read: GRANT SELECT ON `piiscan_grants`.`intake` TO 'piiscan_reader'@'%'",
        },
        // MariaDB does not list columns the user holds no privilege on, nor name them when a read is denied.
        {
          source: expect.stringMatching(/ piiscan_grants\.staff$/),
          message:
            "permission denied for columns of piiscan_grants.staff that the server does not list to this user, not read: GRANT SELECT ON `piiscan_grants`.`staff` TO 'piiscan_reader'@'%'",
        },
      ]);
      const tables = Object.fromEntries(
        report.coverage.tables.map((t) => [
          t.table,
          { method: t.method, rowsScanned: t.rowsScanned, denied: t.denied?.columns },
        ]),
      );
      expect(tables).toEqual({
        'piiscan_grants.intake': { method: 'not read: permission denied', rowsScanned: 0, denied: ['id', 'ssn'] },
        'piiscan_grants.open_notes': { method: 'full', rowsScanned: 1, denied: undefined },
        'piiscan_grants.staff': { method: 'full', rowsScanned: 1, denied: [] },
      });
      expect(report.findings.map((f) => f.site.uri.replace(/^.*\//, '')).sort()).toEqual([
        'open_notes.note',
        'staff.email',
      ]);
    } finally {
      await dropDatabase(ADMIN_URL!, 'piiscan_grants');
    }
  });

  it('names failures in one line and keeps the password out', async () => {
    const denied = await scanDb([], urlFor('piiscan_crm'));
    expect(denied.exitCode).toBe(2);
    expect(denied.report.errors).toEqual([
      {
        source: expect.stringMatching(/piiscan_crm\.secret_notes$/),
        message:
          "permission denied for table piiscan_crm.secret_notes, not read: GRANT SELECT ON `piiscan_crm`.`secret_notes` TO 'piiscan_reader'@'%'",
      },
    ]);
    expect(denied.report.coverage.tables.map((t) => [t.table, t.method])).toEqual([
      ['piiscan_crm.leads', 'full'],
      ['piiscan_crm.secret_notes', 'not read: permission denied'],
    ]);
    const cases: Array<[string, RegExp]> = [
      [
        urlFor('', 'piiscan_reader', 'wrong-password'),
        /^Access denied for user 'piiscan_reader'.*: check the user and password/,
      ],
      [
        urlFor('no_such_db'),
        /Access denied for user 'piiscan_reader'@'.*' to database 'no_such_db': grant the scanning user access to it|Unknown database/,
      ],
      [`mysql://piiscan_reader:${READER_PASSWORD}@127.0.0.1:1/x`, /^connection refused by 127\.0\.0\.1:1/],
      [
        `mysql://piiscan_reader:${READER_PASSWORD}@no-such-host.invalid:3306/x`,
        /^unknown host no-such-host\.invalid: check the host name in the URL$|^cannot resolve host no-such-host\.invalid/,
      ],
      [
        `${urlFor('piiscan_payments')}?ssl-mode=REQUIRED`,
        /^the server does not support TLS, but the URL asks for it \(ssl-mode\)$/,
      ],
      [
        `${urlFor('piiscan_payments')}?ssl-mode=SOMETIMES`,
        /^ssl-mode=SOMETIMES in the URL: expected one of DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY$/,
      ],
    ];
    for (const [url, message] of cases) {
      const { exitCode, report, stdout, stderr } = await scanDb([], url);
      expect(exitCode, url).toBe(2);
      expect(report.errors[0]!.message, url).toMatch(message);
      expect(stdout + stderr).not.toContain('wrong-password');
      expect(stdout + stderr).not.toContain(READER_PASSWORD);
    }
  });
});
