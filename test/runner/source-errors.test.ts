// No source loses the report: whatever fails in one source (an errno nobody foresaw, a driver's
// own exception, a server that does not speak the protocol) is one error line naming it, exit 2,
// and the other sources are still scanned and reported. Database connectors: postgres.test.ts
// and mysql.test.ts.
import { chmodSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { describeFsError } from '../../src/errors/fs-errors.js';
import { describePostgresError } from '../../src/connectors/postgres/errors.js';
import { describeMysqlError } from '../../src/connectors/mysql/errors.js';
import { describeS3Error } from '../../src/connectors/s3/client.js';
import { maskUrlCredentials } from '../../src/errors/url-credentials.js';
import { FORMAT_NAMES } from '../../src/report/formatters.js';
import { makeTree, parseReport, runCli, runCliUnprivileged } from '../helpers.js';

const LEAK = '2026-11-01T10:00:00Z INFO signup for ann@example.com\n';

/** An error as Node's fs gives it (`ESTALE: stale file handle, read`). */
const errno = (code: string, text: string) =>
  Object.assign(new Error(`${code}: ${text}, read`), { code, errno: -1, syscall: 'read' });

describe('errors nobody foresaw', () => {
  it.each([
    [errno('EINVAL', 'invalid argument'), 'unexpected error EINVAL: invalid argument, read'],
    [errno('EREMOTEIO', 'remote I/O error'), 'unexpected error EREMOTEIO: remote I/O error, read'],
    [
      new TypeError("Cannot read properties of undefined (reading 'rows')"),
      "unexpected error TypeError: Cannot read properties of undefined (reading 'rows')",
    ],
    [
      Object.assign(new Error('failed for postgres://app:hunter2@db.example.com/x\nat line 2'), { code: 'EWEIRD' }),
      'unexpected error EWEIRD: failed for postgres://***@db.example.com/x',
    ],
    ['a string thrown', 'unexpected error: a string thrown'],
  ])('are one line with their code and message, credentials masked, in every connector: %s', (error, message) => {
    expect(describeFsError(error)).toBe(message);
    expect(describePostgresError(error, 'db:5432')).toBe(message);
    expect(describeMysqlError(error, 'db:3306')).toBe(message);
    expect(describeS3Error(error, 's3://b/k')).toBe(`s3://b/k: ${message}`);
  });

  it('says what to do about the errnos of network file systems', () => {
    expect(describeFsError(errno('ESTALE', 'stale file handle'))).toMatch(/^stale file handle: .*scan again/);
    expect(describeFsError(errno('ETIMEDOUT', 'connection timed out'))).toMatch(/^timed out reading it/);
    expect(describeFsError(errno('EIO', 'i/o error'))).toBe('input/output error');
  });
});

describe('URL credentials', () => {
  it.each([
    ['postgres://app:hunter2@db:5432/shop', 'postgres://***@db:5432/shop'],
    ['postgres://token-only@db/shop', 'postgres://***@db/shop'],
    ['redis://:hunter2@cache:6379', 'redis://***@cache:6379'],
    ['mongodb+srv://u:p%40ss@cluster0.example.com/db', 'mongodb+srv://***@cluster0.example.com/db'],
    [
      'error: cannot reach https://x-access-token:ghp_abc@github.com/o/r.git',
      'error: cannot reach https://***@github.com/o/r.git',
    ],
    ['postgress://app:hunter2@db/shop', 'postgress://***@db/shop'],
    ['postgres//app:hunter2@db/shop', 'postgres//***@db/shop'],
    ['s3:/AKIAKEY:secret@bucket/prefix', 's3:/***@bucket/prefix'],
    ['postgres://db/shop?sslmode=require&password=hunter2', 'postgres://db/shop?sslmode=require&password=***'],
  ])('%s is shown as %s', (given, shown) => {
    expect(maskUrlCredentials(given)).toBe(shown);
  });

  it('leaves emails, paths and URLs without credentials alone', () => {
    for (const text of [
      'mail ann@example.com',
      'logs/app//x@2.log',
      'https://example.com/a@b',
      's3://bucket/users/ann@example.com.json',
      'postgres://db:5432/shop',
    ]) {
      expect(maskUrlCredentials(text)).toBe(text);
    }
  });
});

/** A /proc file whose read fails with an errno piiscan has no message for (EINVAL on Linux). */
function unreadableProcFile(): string {
  for (const file of ['/proc/self/attr/current', '/proc/self/clear_refs']) {
    try {
      readFileSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EINVAL') return file;
    }
  }
  throw new Error('no /proc file fails to read with EINVAL here: this test needs Linux');
}

describe('a file whose read fails with an unforeseen errno', () => {
  it('is one error line naming it, exit 2, and the other files are scanned (a real EINVAL from /proc)', async () => {
    const file = unreadableProcFile();
    const dir = makeTree({ 'app/app.log': LEAK });
    for (const jobs of ['1', '2']) {
      const result = await runCli(['scan', file, 'app', '--format', 'json', '--jobs', jobs], dir);
      const report = parseReport(result.stdout);
      expect(result.exitCode).toBe(2);
      expect(report.errors).toEqual([{ source: file, message: 'unexpected error EINVAL: invalid argument, read' }]);
      expect(report.summary.plaintextFindings).toBe(1);
    }
  });
});

describe('an S3 endpoint that does not speak S3', () => {
  it('is one error line naming the bucket, exit 2, and the files are scanned (a real SDK failure)', async () => {
    // Answers every request with bytes that are not HTTP.
    const server = createServer((socket) => socket.end('this is not an HTTP server\r\n\r\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'example-secret',
      AWS_REGION: 'us-east-1',
    });
    try {
      const dir = makeTree({ 'app/app.log': LEAK });
      const result = await runCli(
        ['scan', 'app', 's3://acme-exports/logs/', '--endpoint-url', `http://127.0.0.1:${port}`, '--format', 'json'],
        dir,
      );
      const report = parseReport(result.stdout);
      expect(result.exitCode).toBe(2);
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]).toMatchObject({
        source: 's3://acme-exports/logs/',
        message: expect.stringMatching(/^s3:\/\/acme-exports: unexpected error HPE_INVALID_CONSTANT: Parse Error/),
      });
      expect(report.summary.plaintextFindings).toBe(1);
    } finally {
      process.env = saved;
      server.close();
    }
  }, 60_000);
});

describe('folder walks', () => {
  it('never follow a symlink into /proc, /sys or /dev, and list it as skipped', { timeout: 30_000 }, async () => {
    const dir = makeTree({ 'app/app.log': LEAK });
    symlinkSync('/proc', path.join(dir, 'app/proc'));
    symlinkSync('/proc/self/environ', path.join(dir, 'app/environ.log'));
    symlinkSync('/sys/kernel', path.join(dir, 'app/kernel'));
    symlinkSync('/dev/zero', path.join(dir, 'app/zero.log'));
    const result = await runCli(['scan', '.', '--format', 'json'], dir);
    const report = parseReport(result.stdout);
    expect(result.exitCode).toBe(1);
    expect(report.errors).toEqual([]);
    expect(report.coverage.skipped).toEqual([
      { path: 'app/environ.log', reason: 'pseudo file system (/proc)' },
      { path: 'app/kernel', reason: 'pseudo file system (/sys)' },
      { path: 'app/proc', reason: 'pseudo file system (/proc)' },
      { path: 'app/zero.log', reason: 'pseudo file system (/dev)' },
    ]);
    expect(report.coverage.files).toBe(1);
  });
});

describe('credentials in target URLs', () => {
  const SECRET = 'hunter2-pw';
  const USER = 'app-reader';

  it('never reach a report, in any format, nor stderr, whatever the scheme', async () => {
    const dir = makeTree({ 'app/app.log': LEAK });
    const targets = [
      'app',
      `postgres://${USER}:${SECRET}@127.0.0.1:1/shop`,
      `mysql://${USER}:${SECRET}@127.0.0.1:1/shop?ssl-mode=DISABLED`,
      `postgresql://${USER}@127.0.0.1:1/shop?password=${SECRET}`,
    ];
    for (const format of FORMAT_NAMES) {
      const result = await runCli(['scan', ...targets, '--format', format], dir);
      expect(result.exitCode, format).toBe(2);
      expect(result.stdout + result.stderr, format).not.toContain(SECRET);
      expect(result.stdout + result.stderr, format).not.toContain(USER);
      expect(result.stdout, format).toMatch(/postgres:\/\/(?:\\?\*){3}@127\.0\.0\.1:1\/shop/);
    }
  });

  it.each([
    [
      `postgress://${USER}:${SECRET}@db.example.com/shop`,
      'piiscan: postgress://***@db.example.com/shop: not a target piiscan can read; did you mean postgres://***@db.example.com/shop?',
    ],
    [
      `postgres//${USER}:${SECRET}@db.example.com/shop`,
      'piiscan: postgres//***@db.example.com/shop: not a target piiscan can read; did you mean postgres://***@db.example.com/shop?',
    ],
    [
      's3:/acme-exports/logs/',
      'piiscan: s3:/acme-exports/logs/: not a target piiscan can read; did you mean s3://acme-exports/logs/?',
    ],
    [
      'myslq://db.example.com/crm',
      'piiscan: myslq://db.example.com/crm: not a target piiscan can read; did you mean mysql://db.example.com/crm?',
    ],
    [
      `https://${USER}:${SECRET}@example.com/export.log`,
      'piiscan: https://***@example.com/export.log: unknown scheme https: (piiscan reads files, folders, postgres://, mysql://, sqlite://, clickhouse://, redis://, s3://, az:// URLs)',
    ],
    [
      `postgres://${USER}:${SECRET}/x@db.example.com/shop`,
      'piiscan: postgres://***@db.example.com/shop: not a valid URL (a password with / ? # @ or : in it must be percent-encoded)',
    ],
    ['s3://', 'piiscan: s3://: name a bucket (s3://bucket/prefix)'],
    [
      `s3://AKIAEXAMPLE:${SECRET}@acme-exports/logs/`,
      'piiscan: s3://***@acme-exports/logs/: an s3:// URL takes no credentials (use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile)',
    ],
  ])('%s is a usage error with a suggestion, before anything is scanned', async (target, message) => {
    const dir = makeTree({ 'app/app.log': LEAK });
    const result = await runCli(['scan', 'app', target, '--format', 'json'], dir);
    expect(result).toEqual({ exitCode: 2, stdout: '', stderr: `${message}\n` });
  });

  it('leaves file names that only look like URLs to the file system', async () => {
    const dir = makeTree({ 'logs/app.log': LEAK, 'build:1/out.log': LEAK });
    for (const target of ['logs//app.log', 'build:1', 'notes:2026.log']) {
      const result = await runCli(['scan', target, '--format', 'json'], dir);
      expect(result.exitCode, target).toBe(target === 'notes:2026.log' ? 2 : 1);
      expect(parseReport(result.stdout).errors, target).toEqual(
        target === 'notes:2026.log' ? [{ source: target, message: 'no such file or folder' }] : [],
      );
    }
  });
});

describe('a scan that read nothing', () => {
  it.each([
    [
      ['--sample-rows', '0'],
      "error: option '--sample-rows <n>' argument '0' is invalid. expected a whole number from 1.",
    ],
    [
      ['--max-object-size', '0'],
      "error: option '--max-object-size <size>' argument '0' is invalid. expected a size of at least 1 byte (0 would skip every object).",
    ],
  ])('%s is a usage error', async (args, message) => {
    const result = await runCli(['scan', 'app', ...args], makeTree({ 'app/app.log': LEAK }));
    expect(result).toEqual({ exitCode: 2, stdout: '', stderr: `${message}\n` });
  });

  it('never passes: a target with nothing to read is an error, and the table never says "No plaintext PII found"', async () => {
    const dir = makeTree({ 'app/app.log': LEAK, 'assets/logo.bin': Buffer.from([0x89, 0x50, 0, 0]) });
    mkdirSync(path.join(dir, 'empty'));
    for (const target of ['empty', 'assets', 'missing']) {
      const json = await runCli(['scan', target, '--format', 'json'], dir);
      expect(json.exitCode, target).toBe(2);
      expect(parseReport(json.stdout).errors, target).toEqual([
        {
          source: target,
          message:
            target === 'missing'
              ? 'no such file or folder'
              : expect.stringMatching(/^nothing to read: no text file in it was scanned/),
        },
      ]);
      const table = await runCli(['scan', target], dir);
      expect(table.exitCode, target).toBe(2);
      expect(table.stdout, target).not.toContain('No plaintext PII found');
      expect(table.stdout, target).toContain(
        'Nothing to show from what was read, but 1 source could not be read (errors below).',
      );
    }
    // A file named as a target was looked at, even when it is binary (a hook passing staged files).
    const image = await runCli(['scan', 'assets/logo.bin', '--format', 'json'], dir);
    expect(image.exitCode).toBe(0);
    expect(parseReport(image.stdout).coverage.skipped).toEqual([{ path: 'assets/logo.bin', reason: 'binary' }]);
    // A target that was read says nothing more, even next to one that was not.
    const both = parseReport((await runCli(['scan', 'app', 'empty', '--format', 'json'], dir)).stdout);
    expect(both.errors.map((e) => e.source)).toEqual(['empty']);
    expect(both.summary.plaintextFindings).toBe(1);
  });
});

describe('--output', () => {
  /** A server that counts the connections it is sent: a scan of an s3:// target through it would connect. */
  async function countingEndpoint() {
    let connections = 0;
    const server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
      connections: () => connections,
      close: () => server.close(),
    };
  }

  it.each([
    [
      'missing-folder/report.json',
      'piiscan: cannot write missing-folder/report.json: the folder missing-folder does not exist',
    ],
    ['app', 'piiscan: cannot write app: is a folder'],
    ['app/app.log/report.json', 'piiscan: cannot write app/app.log/report.json: app/app.log is not a folder'],
  ])('%s is checked before anything is scanned: a usage error, exit 2', async (output, message) => {
    const endpoint = await countingEndpoint();
    try {
      for (const command of ['scan', 'baseline']) {
        const result = await runCli(
          [command, 'app', 's3://acme-exports/', '--endpoint-url', endpoint.url, '--output', output],
          makeTree({ 'app/app.log': LEAK }),
        );
        expect(result, command).toEqual({ exitCode: 2, stdout: '', stderr: `${message}\n` });
      }
      expect(endpoint.connections()).toBe(0);
    } finally {
      endpoint.close();
    }
  });

  it('that the user may not write is a usage error before the scan', { timeout: 30_000 }, async () => {
    const dir = makeTree({ 'app/app.log': LEAK });
    chmodSync(dir, 0o755);
    if (process.getuid?.() !== 0) chmodSync(dir, 0o555);
    const result = await runCliUnprivileged(['scan', 'app', '--output', 'report.json'], dir);
    expect(result).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'piiscan: cannot write report.json: permission denied\n',
    });
  });
});
