// Shared test helpers: temporary trees, the in-process CLI, report schema validation, and fresh
// databases on the test servers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import AjvDraft04 from 'ajv-draft-04';
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { expect } from 'vitest';
import { run, type RunResult } from '../src/cli/main.js';
import { toClickhouseTarget } from '../src/connectors/clickhouse/target.js';
import type { Report } from '../src/report/report.js';

export const ROOT = path.resolve(import.meta.dirname, '..');

/** Creates a temporary folder holding `files` (path → content); returns its path. */
export function makeTree(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'piiscan-test-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Runs the CLI in-process with `cwd` as the working folder. */
export function runCli(argv: string[], cwd: string = ROOT): Promise<RunResult> {
  return run(argv, { cwd, env: {} });
}

/**
 * Runs the CLI as a user without root's right to read and write anything: in a child process
 * that drops to nobody after loading the built CLI when the tests run as root, in-process otherwise.
 * The CLI loads some modules only when used (a report format), so nobody must be able to read
 * the tree, as any user can read an installed tool.
 */
export async function runCliUnprivileged(argv: string[], cwd: string): Promise<RunResult> {
  if (process.getuid?.() !== 0) return runCli(argv, cwd);
  const script = `const { run } = await import(${JSON.stringify(path.join(ROOT, 'dist/src/cli/main.js'))});
    process.setgid(65534); process.setuid(65534);
    process.stdout.write(JSON.stringify(await run(${JSON.stringify(argv)}, { cwd: ${JSON.stringify(cwd)}, env: {} })));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  ) as RunResult;
}

const ajv = new Ajv2020({ allErrors: true, strict: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(
  JSON.parse(readFileSync(path.join(ROOT, 'src/report/report.schema.json'), 'utf8')) as object,
);

/** Parses a JSON report and throws unless it matches src/report/report.schema.json. */
export function parseReport(text: string): Report {
  const report = JSON.parse(text) as Report;
  if (!validate(report)) throw new Error(`report does not match the schema: ${ajv.errorsText(validate.errors)}`);
  return report;
}

/** A test server's URL with another path, user or password. */
export function withUrlParts(base: string, parts: { pathname?: string; username?: string; password?: string }): string {
  const url = new URL(base);
  Object.assign(url, parts);
  return url.toString();
}

/** Fails, naming the script that starts it, when the test server in environment variable `variable` is not set. */
export function expectServer(variable: string, script: string): void {
  expect(
    process.env[variable],
    `${variable} must be set in CI (eval "$(bash test/servers/${script}.sh start)")`,
  ).toBeDefined();
}

/** The URL of database `name` on the test server at `serverUrl`. */
export const databaseUrl = (serverUrl: string, name: string): string =>
  withUrlParts(serverUrl, { pathname: `/${name}` });

/** One connection to a test database server, whatever its kind. */
interface Session {
  run(statement: string): Promise<unknown>;
  close(): Promise<unknown>;
}

async function openSession(url: string): Promise<Session> {
  switch (new URL(url).protocol) {
    case 'mysql:': {
      const client = await mysql.createConnection(url);
      return { run: (statement) => client.query(statement), close: () => client.end() };
    }
    case 'clickhouse:': {
      const { endpoint, username, password, database } = toClickhouseTarget(url);
      // The test's own client logs nothing: the errors it meets are the test's to report.
      const log = { level: ClickHouseLogLevel.OFF };
      const client = createClient({ url: endpoint, username, password, database: database || 'default', log });
      return { run: (query) => client.command({ query }), close: () => client.close() };
    }
    default: {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return { run: (statement) => client.query(statement), close: () => client.end() };
    }
  }
}

/**
 * Runs statements one after another on the test server at `url` (PostgreSQL, MariaDB or
 * ClickHouse, by its scheme), in the URL's database.
 */
export async function runStatements(url: string, statements: string[]): Promise<void> {
  const session = await openSession(url);
  try {
    for (const statement of statements) await session.run(statement);
  } finally {
    await session.close();
  }
}

/**
 * Drops database `name` on the test server at `adminUrl` if it is there, creates it anew (with
 * `options` after CREATE DATABASE, e.g. an encoding) and runs `setup` in it; returns its URL.
 */
export async function freshDatabase(
  adminUrl: string,
  name: string,
  { options = '', setup = [] }: { options?: string; setup?: string[] } = {},
): Promise<string> {
  await runStatements(adminUrl, [`DROP DATABASE IF EXISTS ${name}`, `CREATE DATABASE ${name} ${options}`.trim()]);
  const url = databaseUrl(adminUrl, name);
  if (setup.length > 0) await runStatements(url, setup);
  return url;
}

/** Drops database `name` on the test server at `adminUrl`, if it is there. */
export const dropDatabase = (adminUrl: string, name: string): Promise<void> =>
  runStatements(adminUrl, [`DROP DATABASE IF EXISTS ${name}`]);

/** Scans one target in-process to a JSON report, quietly: the run's result and its parsed report. */
export async function scanJson(target: string, args: string[] = []): Promise<RunResult & { report: Report }> {
  const result = await runCli(['scan', target, '--format', 'json', '--quiet', ...args]);
  return { ...result, report: parseReport(result.stdout) };
}

// The SARIF schema has a pattern (language tags) that is only valid without the u flag.
const sarifAjv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
(addFormats as unknown as (a: typeof sarifAjv) => void)(sarifAjv);
const validateSarifSchema = sarifAjv.compile(
  JSON.parse(
    readFileSync(path.join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
  ) as object,
);

/** Parses SARIF and throws unless it matches the SARIF 2.1.0 JSON schema. */
export function parseSarif(text: string): {
  runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<Record<string, unknown>> }>;
} {
  const sarif = JSON.parse(text) as ReturnType<typeof parseSarif>;
  if (!validateSarifSchema(sarif))
    throw new Error(`SARIF does not match the 2.1.0 schema: ${sarifAjv.errorsText(validateSarifSchema.errors)}`);
  return sarif;
}

/** Pins what differs between runs and machines (times, version, host) so reports compare equal. */
export function pinReport(report: Report): Report {
  return {
    ...report,
    startedAt: '2026-11-01T10:00:00.000Z',
    finishedAt: '2026-11-01T10:00:01.000Z',
    tool: { name: 'piiscan', version: '0.0.0-test' },
    run: { ...report.run, host: 'ci-host' },
  };
}

/** Raw values from fixtures/logs that must never appear in output without --show-values. */
export const FIXTURE_RAW_VALUES = [
  'jane.doe@example.com',
  'john.smith+orders@example.com',
  'jane.doe%40example.com',
  '202-555-0143',
  '20 7946 0958',
  '4111111111111111',
  '5555555555554444',
  'WEST 1234 5698',
  'DE89370400440532013000',
  '536-22-1234',
  '536221235',
  'AB123456C',
  'JG 10 37 58 A',
  'AKIAIOSFODNN7EXAMPLE',
  'Zx8Qv2Lm9Tr4Wp7Ks1Nb6Yc3Hd5Fg0',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
  '203.0.113.42',
  '2001:db8:85a3::8a2e:370:7334',
  '5d41402abc4b2a76b9719d911017c592',
  'vault:v1:8SDd3WHDOjf7mq69',
];

/** Sets (or, for undefined, removes) process environment variables; returns what restores them. */
export function withEnv(values: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
