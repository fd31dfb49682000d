// The CLI in-process: exit codes, options, config errors, outputs, and no raw value anywhere.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_RAW_VALUES, ROOT, makeTree, parseReport, runCli } from '../helpers.js';
import { DEFAULT_CONFIG, loadConfig } from '../../src/config/load.js';
import { MAX_CSV_RECORD } from '../../src/connectors/csv-reader.js';
import { configSchema } from '../../src/config/schema.js';

const LEAK = '2026-11-01T10:00:00Z INFO signup for ann@example.com\n';

describe('exit codes', () => {
  it('is 0 without plaintext PII, 1 with it', async () => {
    expect((await runCli(['scan', '.'], makeTree({ 'a/app.log': 'hello\n' }))).exitCode).toBe(0);
    expect((await runCli(['scan', '.'], makeTree({ 'a/app.log': LEAK }))).exitCode).toBe(1);
  });

  it('is 0 when only masked, hashed or encrypted PII is found', async () => {
    const dir = makeTree({
      'a/app.log': '{"email":"a***@example.com","email_sha1":"9fceb02d0ae598e95dc970b74767f19372d61af8"}\n',
    });
    const result = await runCli(['scan', '.', '--format', 'json'], dir);
    expect(result.exitCode).toBe(0);
    expect(parseReport(result.stdout).summary.byForm).toEqual({ hashed: 1, masked: 1 });
  });

  it('is 2 with a one-line message for bad options', async () => {
    for (const args of [
      ['--format', 'xml'],
      ['--min-confidence', '2'],
      ['--max-locations', '-1'],
      ['--detectors', 'email,nope'],
      ['--bogus'],
    ]) {
      const result = await runCli(['scan', '.', ...args]);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stdout).toBe('');
    }
  });

  it('says what the exit codes mean in --help, and each case it names holds', async () => {
    const help = (await runCli(['scan', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('0 nothing fails the scan (see 1); always so with --fail-on none');
    expect(help).toContain(
      '1 a finding fails the scan: plaintext (not masked, hashed, tokenized or encrypted), not accepted by an allow rule, at least --min-sensitivity, and, with --fail-on new (the default with a baseline), not in the baseline; --fail-on any (the default without one) fails baselined ones too',
    );
    expect(help).toContain('2 usage or config error, or a source that could not be read');
    expect((await runCli(['baseline', '--help'])).stdout).toContain('0  the baseline was written');

    const card = '2026-11-01T10:00:00Z INFO charged card 4111 1111 1111 1111\n';
    const dir = makeTree({ 'a/app.log': LEAK, 'qa/app.log': card });
    await runCli(['baseline', 'a'], dir);
    const scan = async (...args: string[]) => (await runCli(['scan', 'a', 'qa', ...args], dir)).exitCode;
    expect(await scan('--baseline', '.piiscan-baseline.json')).toBe(1); // the card is new
    writeFileSync(path.join(dir, 'piiscan.yaml'), 'allow:\n  - site: "file://qa/**"\n    reason: test card\n');
    expect(await scan('--baseline', '.piiscan-baseline.json')).toBe(0); // baselined email, allowed card
    expect(await scan('--baseline', '.piiscan-baseline.json', '--fail-on', 'any')).toBe(1); // baselined ones fail too
    expect(await scan()).toBe(1); // no baseline: any
    expect(await scan('--min-sensitivity', 'sensitive')).toBe(0); // the email is standard
    expect(await scan('--fail-on', 'none')).toBe(0);
    writeFileSync(path.join(dir, 'a/broken.log.gz'), gzipSync(LEAK).subarray(0, 20));
    expect(await scan()).toBe(2); // 2 wins over 1
  });
});

describe('config', () => {
  it('names the failing path in one line and exits 2', async () => {
    const dir = makeTree({
      'a/app.log': LEAK,
      'piiscan.yaml': 'services:\n  - service: a\n    match: "file://a/**"\n  - service: b\n    match: 3\n',
    });
    const result = await runCli(['scan', '.'], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('piiscan: piiscan.yaml: services[1].match: expected string, received number\n');
  });

  it('rejects unknown keys, unknown detectors and invalid YAML', async () => {
    const cases: Array<[string, string]> = [
      ['servics: []\n', 'piiscan.yaml: servics: unknown key'],
      ['detectors: [email, fax]\n', 'piiscan.yaml: detectors[1]:'],
      [
        'services: [\n  bad: yes: no\n',
        'piiscan.yaml:2:8: invalid YAML: Block collections are not allowed within flow collections',
      ],
    ];
    for (const [yaml, message] of cases) {
      const result = await runCli(['scan', '.'], makeTree({ 'piiscan.yaml': yaml }));
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('lists every problem of a config, one line each with its path', async () => {
    const yaml =
      'servics: []\nfailOn: sometimes\nservices:\n  - service: a\n    match: 3\n    colour: red\n    size: 1\nallow:\n  - reason: none given\n';
    const result = await runCli(['scan', '.'], makeTree({ 'piiscan.yaml': yaml }));
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n').sort()).toEqual([
      'piiscan: piiscan.yaml: allow[0]: give exactly one of fingerprint, site, value',
      'piiscan: piiscan.yaml: failOn: expected one of "new"|"any"|"none"',
      'piiscan: piiscan.yaml: services[0].colour: unknown key',
      'piiscan: piiscan.yaml: services[0].match: expected string, received number',
      'piiscan: piiscan.yaml: services[0].size: unknown key',
      'piiscan: piiscan.yaml: servics: unknown key',
    ]);
  });

  it('points YAML syntax errors at the line and column of their cause', async () => {
    const cases: Array<[string, string]> = [
      ['services:\n  - service: web\n\tmatch: x\n', '3:1: invalid YAML: Tabs are not allowed as indentation'],
      ['services:\n  - service: "web\n    match: x\nfailOn: new\n', '2:14: invalid YAML: Missing closing "quote'],
      ["baseline: 'base.json\nfailOn: new\n", "1:11: invalid YAML: Missing closing 'quote"],
      [
        'services:\n  - service: web\n       match: "file://web/**"\n',
        '3:8: invalid YAML: this line is indented deeper than the line above it',
      ],
      ['detectors: [email, phone\nminConfidence: 0.5\n', '1:12: invalid YAML: unclosed ['],
      ['failOn: new\nminConfidence: 0.5\nfailOn: any\n', '3:1: invalid YAML: Map keys must be unique'],
      [
        'allow:\n  - value: a: b\n    reason: r\n',
        '2:12: invalid YAML: Nested mappings are not allowed in compact mappings',
      ],
    ];
    for (const [yaml, message] of cases) {
      const result = await runCli(['scan', '.'], makeTree({ 'piiscan.yaml': yaml }));
      expect(result).toMatchObject({ exitCode: 2, stderr: `piiscan: piiscan.yaml:${message}\n` });
    }
  });

  it('fails on a missing --config file but not on a missing default one', async () => {
    const dir = makeTree({ 'a.log': 'x\n' });
    const missing = await runCli(['scan', '.', '--config', 'nope.yaml'], dir);
    expect(missing).toMatchObject({ exitCode: 2, stderr: 'piiscan: nope.yaml: no such file\n' });
    expect(await runCli(['scan', '.'], dir)).toMatchObject({ exitCode: 0, stderr: '' });
  });
});

describe('ownership', () => {
  const files = {
    'logs/checkout/app.log': LEAK,
    'logs/legacy/app.log': LEAK,
    'logs/shared/events.jsonl':
      '{"service":"billing","msg":"invoice for ann@example.com"}\n{"msg":"no service for bob@example.com"}\n',
  };

  async function owners(config?: string): Promise<string[]> {
    const dir = makeTree({ ...files, ...(config ? { 'piiscan.yaml': config } : {}) });
    const report = parseReport((await runCli(['scan', 'logs', '--format', 'json'], dir)).stdout);
    return report.findings.map((f) => `${f.locations[0]!.path} ${f.service} ${f.serviceSource}`).sort();
  }

  it("uses the file's nearest folder, or a JSON line's service field", async () => {
    expect(await owners()).toEqual([
      'logs/checkout/app.log checkout folder',
      'logs/legacy/app.log legacy folder',
      'logs/shared/events.jsonl billing field service',
      'logs/shared/events.jsonl shared folder',
    ]);
  });

  it('lets config rules override both, the last matching rule winning', async () => {
    const config =
      'services:\n  - { service: platform, match: "file://logs/**" }\n  - { service: orders, match: "file://logs/legacy/**" }\nserviceField: team\n';
    expect(await owners(config)).toEqual([
      'logs/checkout/app.log platform services[0]',
      'logs/legacy/app.log orders services[1]',
      'logs/shared/events.jsonl platform services[0]',
      'logs/shared/events.jsonl platform services[0]',
    ]);
  });
});

describe('outputs', () => {
  it('never contain a raw fixture value without --show-values, in any format', async () => {
    for (const format of ['table', 'json', 'sarif', 'markdown', 'html']) {
      const result = await runCli(['scan', 'fixtures/logs', '--format', format, '--all-forms']);
      expect(result.exitCode).toBe(1);
      for (const value of FIXTURE_RAW_VALUES)
        expect(result.stdout + result.stderr, `${format}: ${value}`).not.toContain(value);
    }
  });

  it('show raw values only when asked to, and say so in the report', async () => {
    const result = await runCli(['scan', 'fixtures/logs', '--format', 'json', '--show-values']);
    const report = parseReport(result.stdout);
    expect(report.settings.showValues).toBe(true);
    expect(result.stdout).toContain('4111111111111111');
  });

  it('write the report to --output and keep the exit code', async () => {
    const dir = makeTree({ 'a/app.log': LEAK });
    const result = await runCli(['scan', '.', '--format', 'json', '--output', 'report.json'], dir);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('Report written to report.json: 1 failing, 1 plaintext leak site, 0 errors.\n');
    expect(parseReport(readFileSync(path.join(dir, 'report.json'), 'utf8')).summary.plaintextFindings).toBe(1);
  });

  it('name an unwritable --output in one line, exit 2', async () => {
    const result = await runCli(
      ['scan', '.', '--output', 'missing-folder/report.json'],
      makeTree({ 'a/app.log': LEAK }),
    );
    expect(result).toMatchObject({
      exitCode: 2,
      stdout: '',
      stderr: 'piiscan: cannot write missing-folder/report.json: the folder missing-folder does not exist\n',
    });
  });

  it.runIf(existsSync('/dev/full'))('name a full disk under --output in one line, exit 2', async () => {
    const result = await runCli(['scan', '.', '--output', '/dev/full'], makeTree({ 'a/app.log': LEAK }));
    expect(result).toMatchObject({
      exitCode: 2,
      stdout: '',
      stderr: 'piiscan: cannot write /dev/full: no space left on the device\n',
    });
  });

  it('stop quietly when the reader of the output goes away (| head), keeping the exit code', async () => {
    const dir = makeTree({ 'a/app.log': LEAK });
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/piiscan.js'), 'scan', dir, '--format', 'json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The read end of the pipe is closed before anything is written: every write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (piece: Buffer) => (stderr += piece.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
  });

  it('honour --detectors, --min-confidence and --max-locations', async () => {
    const dir = makeTree({ 'a/app.log': LEAK.repeat(8) + 'request from 203.0.113.9\n' });
    const only = parseReport((await runCli(['scan', '.', '-f', 'json', '--detectors', 'ip_address'], dir)).stdout);
    expect(only.findings.map((f) => f.detector)).toEqual(['ip_address']);
    const strict = parseReport((await runCli(['scan', '.', '-f', 'json', '--min-confidence', '0.7'], dir)).stdout);
    expect(strict.findings.map((f) => f.detector)).toEqual(['email']);
    const all = parseReport((await runCli(['scan', '.', '-f', 'json', '--max-locations', '0'], dir)).stdout);
    expect(all.findings.find((f) => f.detector === 'email')).toMatchObject({ count: 8, locations: { length: 8 } });
    const two = parseReport((await runCli(['scan', '.', '-f', 'json', '--max-locations', '2'], dir)).stdout);
    expect(two.findings.find((f) => f.detector === 'email')!.locations.map((l) => l.line)).toEqual([1, 2]);
  });

  it('list the detectors', async () => {
    const table = await runCli(['detectors']);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toContain('us_ssn');
    const json = JSON.parse((await runCli(['detectors', '--format', 'json'])).stdout) as Array<{
      id: string;
      sensitivity: string;
    }>;
    expect(json.find((d) => d.id === 'credit_card')).toMatchObject({ sensitivity: 'sensitive', category: 'financial' });
  });

  it('colour the table only on a terminal without NO_COLOR', async () => {
    const dir = makeTree({ 'a/app.log': LEAK });
    const { run } = await import('../../src/cli/main.js');
    const tty = await run(['scan', '.'], { cwd: dir, env: {}, stdoutIsTTY: true });
    const noColor = await run(['scan', '.'], { cwd: dir, env: { NO_COLOR: '1' }, stdoutIsTTY: true });
    expect(tty.stdout).toContain('\x1b[');
    expect(noColor.stdout).not.toContain('\x1b[');
    expect((await runCli(['scan', '.'], dir)).stdout).not.toContain('\x1b[');
  });
});

describe('CSV files', () => {
  /** A day's export: a header, then 12 rows; every fourth row's notes hold a number, quoted with its comma. */
  const csv = (day: number) =>
    'id,customer_email,email_md5,notes\n' +
    Array.from(
      { length: 12 },
      (_, i) =>
        `${day * 100 + i},customer${i}@example.com,5d41402abc4b2a76b9719d911017c592,${i % 4 === 0 ? '"called back on +44 20 7946 0958, all good"' : 'delivered'}`,
    ).join('\n') +
    '\n';

  it('are read column by column, gzipped or not: each column of a file group is a site, its name the context', async () => {
    const dir = makeTree({
      'exports/users-2026-11-01.csv': csv(1),
      'exports/users-2026-11-02.csv.gz': gzipSync(csv(2)),
      'exports/broken.csv': Buffer.from([0x69, 0x64, 0x00, 0x0a]),
      'exports/notes.tsv': 'who\twhat\nann\tann@example.com\n',
    });
    const result = await runCli(['scan', '.', '--format', 'json', '--all-forms'], dir);
    expect(result.exitCode).toBe(1);
    const report = parseReport(result.stdout);
    expect(report.findings.map((f) => `${f.site.uri} ${f.detector} ${f.form} ${f.count}`).sort()).toEqual([
      'file://exports/notes.tsv*#what email plaintext 1',
      'file://exports/users.csv*#customer_email email plaintext 24',
      'file://exports/users.csv*#email_md5 email hashed 24',
      'file://exports/users.csv*#notes phone plaintext 6',
    ]);
    // A location's line is the record's number, the header being 1.
    const notes = report.findings.find((f) => f.site.uri.endsWith('#notes'))!;
    expect(notes.locations[0]).toMatchObject({ path: 'exports/users-2026-11-01.csv#notes', line: 2 });
    expect(report.coverage).toMatchObject({ files: 3, lines: 26 + 2 });
    expect(report.coverage.skipped).toEqual([{ path: 'exports/broken.csv', reason: 'binary' }]);
    expect(result.stdout).not.toContain('customer1@example.com');
    expect(result.stdout).not.toContain('7946 0958');
  });

  it('name an unclosed quote and a truncated gzip in one line each, exit 2, and keep what the other files hold', async () => {
    const dir = makeTree({
      'exports/users.csv': csv(1),
      'exports/open.csv': `a,b\n1,"${'x'.repeat(MAX_CSV_RECORD + 10)}\n`,
      'exports/cut.csv.gz': gzipSync(csv(2)).subarray(0, 40),
    });
    const result = await runCli(['scan', '.', '--format', 'json'], dir);
    expect(result.exitCode).toBe(2);
    const report = parseReport(result.stdout);
    expect(report.errors).toEqual([
      { source: 'exports/cut.csv.gz', message: 'truncated gzip data (unexpected end of file)' },
      { source: 'exports/open.csv', message: 'a CSV record runs over 1 MiB (an unclosed quote?)' },
    ]);
    expect(report.findings.find((f) => f.site.uri.endsWith('#customer_email'))).toMatchObject({ count: 12 });
  });
});

describe('worker threads', () => {
  it('give the same report as one thread', { timeout: 30_000 }, async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++)
      files[`logs/svc${i % 3}/app.log.${i}`] = (
        LEAK + `order ${i} card 4111 1111 1111 1111 ip 203.0.113.${i}\n`
      ).repeat(50 + i);
    const dir = makeTree(files);
    const one = parseReport((await runCli(['scan', 'logs', '-f', 'json', '--jobs', '1'], dir)).stdout);
    const two = parseReport((await runCli(['scan', 'logs', '-f', 'json', '--jobs', '2'], dir)).stdout);
    expect(two.findings).toEqual(one.findings);
    expect(two.coverage).toEqual(one.coverage);
    expect(one.findings.length).toBeGreaterThanOrEqual(9);
  });
});

describe('bundled fixtures', () => {
  it('hold findings of every detector and every form', async () => {
    const report = parseReport((await runCli(['scan', 'fixtures/logs', '--format', 'json'])).stdout);
    expect(Object.keys(report.summary.byDetector).sort()).toEqual([
      'credit_card',
      'email',
      'iban',
      'ip_address',
      'phone',
      'secret',
      'uk_nino',
      'us_ssn',
    ]);
    expect(Object.keys(report.summary.byForm).sort()).toEqual([
      'encrypted',
      'hashed',
      'masked',
      'plaintext',
      'tokenized',
    ]);
  });
});

// Without piiscan.yaml the config is a constant, so that zod and the schema are not loaded.
describe('the config without a file', () => {
  it('is what the schema makes of an empty file', async () => {
    expect(DEFAULT_CONFIG).toEqual(configSchema.parse({}));
    const { config, source } = await loadConfig('piiscan.yaml', { cwd: makeTree({}), required: false });
    expect(source).toBeNull();
    expect(config).toEqual(configSchema.parse({}));
    // Each scan gets its own copy.
    config.exclude.push('x');
    expect(DEFAULT_CONFIG.exclude).toEqual([]);
  });
});
