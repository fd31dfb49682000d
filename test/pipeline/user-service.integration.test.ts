// The user-service policy end to end, on PostgreSQL (test/servers/postgres.sh), log files and S3
// (test/servers/s3.sh): the user service's encrypted columns pass, a plaintext copy in another
// service fails, a masked email in logs passes, and an unsalted email hash in analytics is linkable
// and passes or fails as the policy says.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseUrl, useBucket, useDatabase } from './test-stores.js';
import { makeTree, parseReport, runCli } from '../helpers.js';
import { USER_SERVICE_VERDICTS, userServicePolicy, verdictsOf } from './user-service-fixture.js';

const PG_URL = process.env['PIISCAN_TEST_PG_URL'];
const ENDPOINT = process.env['PIISCAN_TEST_S3_ENDPOINT'];
const DB = 'piiscan_user_service';
const BUCKET = 'acme-lake';
const EMAILS = Array.from({ length: 25 }, (_, i) => `member${i}@example.com`);
const sha256 = (text: string, encoding: 'hex' | 'base64' = 'hex') => createHash('sha256').update(text).digest(encoding);

const POLICY = userServicePolicy;

const LOGS = { 'gateway/app.log': '2026-11-01T10:00:00Z INFO login for m***@example.com\n' };

const verdicts = (stdout: string) => verdictsOf(parseReport(stdout).findings);

describe.skipIf(!PG_URL)('the user-service policy on PostgreSQL and logs', () => {
  const url = () => databaseUrl(PG_URL!, DB);

  useDatabase(PG_URL, DB, async (client) => {
    await client.query(`CREATE SCHEMA users; CREATE SCHEMA orders; CREATE SCHEMA analytics;
      CREATE TABLE users.accounts (id int, email_enc text);
      CREATE TABLE orders.customers (id int, email text);
      CREATE TABLE analytics.events (id int, user_email_sha256 text)`);
    for (const [i, email] of EMAILS.entries()) {
      const cipher = Buffer.from(`ciphertext-of-member-${i}-padding`).toString('base64');
      await client.query('INSERT INTO users.accounts VALUES ($1, $2)', [i, `vault:v1:${cipher}`]);
      await client.query('INSERT INTO orders.customers VALUES ($1, $2)', [i, email]);
      // One event in ten is of a visitor the orders table does not know.
      const hashed = i % 10 === 9 ? sha256(`visitor${i}@example.org`) : sha256(email);
      await client.query('INSERT INTO analytics.events VALUES ($1, $2)', [i, hashed]);
    }
  });

  it.each([
    ['allow', 'allowed'],
    ['forbid', 'violation'],
  ] as const)('unsaltedHashes %s: the analytics hash is %s', async (unsalted, hashVerdict) => {
    const dir = makeTree({ ...LOGS, 'piiscan.yaml': POLICY(unsalted) });
    const result = await runCli(['scan', url(), 'gateway', '--format', 'json', '--quiet'], dir);
    expect(verdicts(result.stdout)).toEqual({
      ...USER_SERVICE_VERDICTS,
      'analytics hashed': `${hashVerdict} policy.rules["*"].email["*"] linkable sha256-hex 0.92`,
    });
    const report = parseReport(result.stdout);
    expect(report.findings.find((f) => f.form === 'hashed')!.linkable!.source).toMatch(/\/orders\.customers\.email$/);
    expect(result.exitCode).toBe(1);
    for (const email of EMAILS) expect(result.stdout).not.toContain(email);
    expect(result.stdout).not.toContain(sha256(EMAILS[0]!));
  });

  it('finds the same links with worker threads', async () => {
    const dir = makeTree({ ...LOGS, 'piiscan.yaml': POLICY('forbid') });
    const one = await runCli(['scan', url(), '--format', 'json', '--quiet', '--jobs', '1'], dir);
    const two = await runCli(['scan', url(), '--format', 'json', '--quiet', '--jobs', '2'], dir);
    expect(verdicts(two.stdout)).toEqual(verdicts(one.stdout));
  });

  it('with a baseline of today, only a new plaintext copy fails', async () => {
    const dir = makeTree({ ...LOGS, 'piiscan.yaml': POLICY('forbid') });
    expect((await runCli(['baseline', url(), 'gateway', '--quiet'], dir)).exitCode).toBe(0);
    const again = await runCli(['scan', url(), 'gateway', '--baseline', '.piiscan-baseline.json', '--quiet'], dir);
    expect(again.exitCode).toBe(0);
    writeFileSync(path.join(dir, 'gateway/debug.log'), '2026-11-01T10:00:00Z DEBUG user member3@example.com\n');
    const leak = await runCli(['scan', url(), 'gateway', '--baseline', '.piiscan-baseline.json', '--quiet'], dir);
    expect(leak.exitCode).toBe(1);
  });
});

describe.skipIf(!ENDPOINT)('the user-service policy on S3', () => {
  useBucket(ENDPOINT, BUCKET, () => {
    const csv = (header: string, values: string[]) => `id,${header}\n${values.map((v, i) => `${i},${v}`).join('\n')}\n`;
    return {
      'users/accounts.csv': csv(
        'email_enc',
        EMAILS.map((_, i) => `vault:v1:${Buffer.from(`ciphertext-of-member-${i}-padding`).toString('base64')}`),
      ),
      'orders/customers.csv': csv('email', EMAILS),
      'analytics/events.csv': csv(
        'user_email_sha256',
        EMAILS.map((e) => sha256(e, 'base64')),
      ),
      'gateway/app.log': LOGS['gateway/app.log'],
    };
  });

  it('gives each object site its verdict, and links the base64 hashes to the plaintext CSV', async () => {
    const dir = makeTree({ 'piiscan.yaml': POLICY('forbid') });
    const result = await runCli(
      ['scan', `s3://${BUCKET}/`, '--endpoint-url', ENDPOINT!, '--format', 'json', '--quiet'],
      dir,
    );
    expect(result.stderr).toBe('');
    expect(verdicts(result.stdout)).toEqual({
      ...USER_SERVICE_VERDICTS,
      'analytics hashed': 'violation policy.rules["*"].email["*"] linkable sha256-base64 1',
    });
    expect(result.exitCode).toBe(1);
    for (const email of EMAILS) expect(result.stdout).not.toContain(email);
  });
});
