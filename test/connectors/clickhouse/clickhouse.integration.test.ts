// The ClickHouse connector against a real server (test/servers/clickhouse.sh; .ci/run starts one).
import { ClickHouseLogLevel, createClient, type ClickHouseSettings } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClickhouse } from '../../../src/connectors/clickhouse/driver.js';
import { describeClickhouseError } from '../../../src/connectors/clickhouse/errors.js';
import { toClickhouseTarget } from '../../../src/connectors/clickhouse/target.js';
import { dropDatabase, expectServer, freshDatabase, scanJson, withUrlParts } from '../../helpers.js';

const ADMIN_URL = process.env['PIISCAN_TEST_CLICKHOUSE_URL'];
const PASSWORD = ADMIN_URL ? decodeURIComponent(new URL(ADMIN_URL).password) : '';
/** The test's own clients log nothing: the errors they meet are expected. */
const QUIET = { level: ClickHouseLogLevel.OFF };
const PLAN = { sampleRows: 100_000, full: false, seed: 1, statementTimeoutMs: 10_000, lockTimeoutMs: 1_000 };

/** The test server's URL for a user (test/servers/clickhouse.sh makes default, limited and reader) and database. */
function urlFor(database: string, username = 'default', password = PASSWORD): string {
  return withUrlParts(ADMIN_URL!, { pathname: `/${database}`, username, password });
}

const SETUP = [
  `CREATE TABLE piiscan_crm.users (id UInt64, email String, phone Nullable(String), country LowCardinality(String),
     ssn FixedString(11), aliases Array(String), profile String, phone_number UInt64, created Date)
     ENGINE = MergeTree ORDER BY id`,
  `INSERT INTO piiscan_crm.users SELECT number, concat('user', toString(number), '@example.com'),
     if(number % 2 = 0, NULL, '+1 202-555-0143'), 'US', '536-22-1234', ['alt@example.org', 'x'],
     '{"contact":{"email":"json@example.com"}}', 12025550143, today() FROM numbers(300)`,
  `CREATE TABLE piiscan_crm.events (id UInt64, note String) ENGINE = MergeTree ORDER BY intHash32(id)
     SAMPLE BY intHash32(id)`,
  `INSERT INTO piiscan_crm.events SELECT number, if(number % 10 = 0, concat('mail from e', toString(number), '@example.com'), 'opened')
     FROM numbers(20000)`,
  'CREATE TABLE piiscan_crm.notes (id UInt64, note String) ENGINE = Memory',
  "INSERT INTO piiscan_crm.notes SELECT number, concat('note ', toString(number), ' n', toString(number), '@example.com') FROM numbers(5000)",
  'CREATE VIEW piiscan_crm.emails AS SELECT email FROM piiscan_crm.users',
  `CREATE TABLE piiscan_crm.tricky (id UInt64, s String, n Nullable(String), f FixedString(6), a Array(Nullable(String)),
     t Tuple(String, UInt8), i Int64) ENGINE = MergeTree ORDER BY id`,
  // Raw: the SQL holds ClickHouse's own escapes (a tab, a newline, a backslash, zero bytes).
  String.raw`INSERT INTO piiscan_crm.tricky VALUES
     (1, 'tab\there\nnew line \\ back', NULL, 'ab', ['it''s', NULL, 'x\ty'], ('q''d', 7), -12025550143),
     (2, '', 'ünïcödé @example.com', 'abcdef', [], ('', 0), 0),
     (3, '\\N', '\\', '\0\0', ['{"k": "v"}'], ('(x)', 1), 12025550143)`,
];

const scan = (args: string[], url = urlFor('piiscan_crm')) => scanJson(url, args);

describe.skipIf(!ADMIN_URL && !process.env['CI'])('clickhouse connector', () => {
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_CLICKHOUSE_URL', 'clickhouse');
    await freshDatabase(ADMIN_URL!, 'piiscan_crm');
    const target = toClickhouseTarget(ADMIN_URL!);
    const admin = createClient({
      url: target.endpoint,
      username: target.username,
      password: target.password,
      log: QUIET,
    });
    // The old servers' LowCardinality is experimental; newer servers accept the setting and ignore it.
    const settings = { allow_experimental_low_cardinality_type: 1 } as ClickHouseSettings;
    for (const query of SETUP) await admin.command({ query, clickhouse_settings: settings });
    await admin.close();
  }, 60_000);

  afterAll(async () => {
    if (ADMIN_URL) await dropDatabase(ADMIN_URL, 'piiscan_crm');
  });

  it('finds column sites in string, nullable, fixed, low-cardinality, array, JSON and integer columns', async () => {
    const { report, exitCode, stdout } = await scan(['--seed', '3', '--include', 'piiscan_crm.users']);
    expect(exitCode).toBe(1);
    const sites = report.findings
      .map(
        (f) => `${f.service} ${f.site.uri}${f.site.jsonPath ?? ''} ${f.detector} ${f.form} ${f.count}/${f.rowsScanned}`,
      )
      .map((s) => s.replace(/clickhouse:\/\/[^/]+\//, ''))
      .sort();
    expect(sites).toEqual([
      'piiscan_crm piiscan_crm/users.aliases$[*] email plaintext 300/300',
      'piiscan_crm piiscan_crm/users.email email plaintext 300/300',
      'piiscan_crm piiscan_crm/users.phone phone plaintext 150/300',
      'piiscan_crm piiscan_crm/users.phone_number phone plaintext 300/300',
      'piiscan_crm piiscan_crm/users.profile$.contact.email email plaintext 300/300',
      'piiscan_crm piiscan_crm/users.ssn us_ssn plaintext 300/300',
    ]);
    expect(report.coverage.tables).toEqual([
      expect.objectContaining({ table: 'piiscan_crm.users', rowsScanned: 300, method: 'full', skippedColumns: 1 }),
    ]);
    expect(stdout).not.toContain(PASSWORD);
    expect(report.targets).toEqual([expect.stringMatching(/^clickhouse:\/\/\*\*\*@127\.0\.0\.1:\d+\/piiscan_crm$/)]);
  });

  it('reads no view, and samples with SAMPLE by the sampling key or a seeded row hash, repeatably', async () => {
    const first = await scan(['--sample-rows', '1000', '--seed', '5']);
    const tables = first.report.coverage.tables;
    expect(tables.map((t) => t.table)).toEqual([
      'piiscan_crm.events',
      'piiscan_crm.notes',
      'piiscan_crm.tricky',
      'piiscan_crm.users',
    ]);
    const events = tables.find((t) => t.table === 'piiscan_crm.events')!;
    expect(events).toMatchObject({
      sampled: true,
      rowsEstimated: 20000,
      method: expect.stringMatching(/^SAMPLE 0\.05/),
    });
    expect(events.rowsScanned).toBeGreaterThan(500);
    expect(events.rowsScanned).toBeLessThan(2000);
    const notes = tables.find((t) => t.table === 'piiscan_crm.notes')!;
    expect(notes).toMatchObject({ sampled: true, rowsEstimated: 5000, method: expect.stringContaining('(seed 5)') });
    expect(notes.rowsScanned).toBeGreaterThan(700);
    expect(notes.rowsScanned).toBeLessThan(1300);
    const again = await scan(['--sample-rows', '1000', '--seed', '5']);
    expect(again.report.coverage.tables).toEqual(tables);
    const other = await scan(['--sample-rows', '1000', '--seed', '6', '--include', 'piiscan_crm.notes']);
    expect(other.report.coverage.tables[0]!.rowsScanned).not.toBe(notes.rowsScanned);
  });

  it('reads as a user whose profile is read only, and every request is read only', async () => {
    const { report, exitCode } = await scan(['--include', 'piiscan_crm.users'], urlFor('piiscan_crm', 'reader'));
    expect(exitCode).toBe(1);
    expect(report.errors).toEqual([]);
    expect(report.coverage.tables[0]).toMatchObject({ rowsScanned: 300 });
    const target = toClickhouseTarget(urlFor('piiscan_crm'));
    const client = createClient({
      url: target.endpoint,
      username: target.username,
      password: target.password,
      clickhouse_settings: { readonly: '1' },
      log: QUIET,
    });
    const write = client.command({ query: 'CREATE TABLE piiscan_crm.written (a String) ENGINE = Memory' });
    await expect(write).rejects.toThrow(/readonly mode/);
    await client.close();
  });

  it('says in one line what failed: password, unknown user, database not allowed, unreachable, timeout', async () => {
    const failures = await Promise.all([
      scan([], urlFor('piiscan_crm', 'default', 'wrong-password')),
      scan([], urlFor('piiscan_crm', 'nobody')),
      scan([], urlFor('piiscan_crm', 'limited')),
      scan([], 'clickhouse://127.0.0.1:1/piiscan_crm'),
    ]);
    const messages = failures.map((f) => (expect(f.exitCode).toBe(2), f.report.errors.map((e) => e.message)));
    expect(messages).toEqual([
      [expect.stringMatching(/^Wrong password for user default: check the password/)],
      [expect.stringMatching(/^Unknown user nobody: check the user name in the URL/)],
      [expect.stringMatching(/^Access denied to database piiscan_crm for user limited: allow the scanning user/)],
      ['connection refused by 127.0.0.1:1: is the server running and listening there?'],
    ]);
    for (const f of failures) expect(f.stdout).not.toContain('wrong-password');
    // A real timeout: blocks of one row that sleep, so the server checks its limit between them.
    const slow = createClient({ url: toClickhouseTarget(ADMIN_URL!).endpoint, password: PASSWORD, log: QUIET });
    const timedOut = await slow
      .query({
        query: 'SELECT sleepEachRow(0.3) FROM numbers(20)',
        clickhouse_settings: { max_execution_time: 1, max_block_size: '1' },
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    await slow.close();
    expect(describeClickhouseError(timedOut, '127.0.0.1')).toMatch(
      /^statement timeout: reading the table took too long/,
    );
  });

  it("reads every value as the client's JSON rows do (escapes, NULL, padding, arrays, tuples)", async () => {
    const options = { ...PLAN, concurrency: 1, include: [], exclude: [] };
    const driver = await connectClickhouse(toClickhouseTarget(urlFor('piiscan_crm')), options);
    const table = (await driver.listTables()).find((t) => t.table === 'tricky')!;
    const read: Array<Array<string | null>> = [[]];
    await driver.readTable(table, PLAN, {
      text: (_i, value) => void read.at(-1)!.push(value),
      bytes: (_i, src, start, end) => void read.at(-1)!.push(Buffer.from(src.subarray(start, end)).toString('utf8')),
      endRow: () => void read.push([]),
      wait: () => undefined,
    });
    await driver.close();
    const target = toClickhouseTarget(ADMIN_URL!);
    const client = createClient({ url: target.endpoint, password: target.password, log: QUIET });
    const names = table.columns.map((c) => c.name).join(', ');
    const query = `SELECT ${names} FROM piiscan_crm.tricky ORDER BY id`;
    const rows = await (await client.query({ query, format: 'JSONCompact' })).json<unknown[]>();
    await client.close();
    const expected = rows.data.map((row) =>
      row.map((v) => (v === null ? null : typeof v === 'string' ? v.replace(/\0+$/, '') : JSON.stringify(v))),
    );
    const json = table.columns.map((c) => c.kind === 'json');
    const parsed = (row: Array<string | null>) => row.map((v, i) => (json[i] && v !== null ? JSON.parse(v) : v));
    expect(read.slice(0, -1).map(parsed)).toEqual(expected.map(parsed));
  });

  it('scans a table that fails (dropped) as one line and the others still', async () => {
    const driver = await connectClickhouse(toClickhouseTarget(urlFor('piiscan_crm')), {
      ...PLAN,
      concurrency: 1,
      include: [],
      exclude: [],
    });
    const gone = {
      schema: 'piiscan_crm',
      table: 'dropped_meanwhile',
      columns: [{ name: 'email', kind: 'text' as const }],
      types: ['String'],
      samplingKey: false,
      skippedColumns: [],
      estimatedRows: 10,
    };
    const sink = { text: () => undefined, bytes: () => undefined, endRow: () => undefined, wait: () => undefined };
    const error = await driver.readTable(gone, PLAN, sink).then(
      () => undefined,
      (e: unknown) => e,
    );
    await driver.close();
    expect(driver.describeError(error)).toBe('the table no longer exists (dropped during the scan)');
  });
});
