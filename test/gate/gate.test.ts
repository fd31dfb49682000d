// The CI gate: baselines, --fail-on, --min-sensitivity, stale entries and prune, allow rules.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTargetScope } from '../../src/cli/target-scope.js';
import type { Site } from '../../src/sites/finding.js';
import { makeTree, parseReport, runCli } from '../helpers.js';

const signup = (email: string, n: number) => `2026-11-0${n}T10:00:00Z INFO signup ${1000 + n} for ${email}\n`;
const payment = (n: number) => `2026-11-0${n}T10:00:00Z INFO charged card 4111 1111 1111 1111 order ${n}\n`;

async function scan(dir: string, args: string[] = []) {
  const result = await runCli(['scan', 'logs', '--format', 'json', ...args], dir);
  return { exitCode: result.exitCode, report: parseReport(result.stdout), stderr: result.stderr };
}

describe('baseline round trip', () => {
  it('accepts what is there, fails on exactly one new leak, and ignores rotation and reordering', async () => {
    const dir = makeTree({
      'logs/web/app.log': signup('ann@example.com', 1) + payment(2) + signup('bob@example.com', 3),
    });
    expect((await scan(dir)).exitCode).toBe(1);
    const written = await runCli(['baseline', 'logs'], dir);
    expect(written).toMatchObject({ exitCode: 0, stderr: '.piiscan-baseline.json: 2 accepted plaintext findings.\n' });

    const again = await scan(dir, ['--baseline', '.piiscan-baseline.json']);
    expect(again.exitCode).toBe(0);
    expect(again.report.summary).toMatchObject({ newFindings: 0, failing: 0, plaintextFindings: 2 });
    expect(again.report.baseline).toMatchObject({ entries: 2, matched: 2, stale: [] });

    // rotate, compress, reorder and change values: still nothing new
    renameSync(path.join(dir, 'logs/web/app.log'), path.join(dir, 'logs/web/app.log.1'));
    writeFileSync(path.join(dir, 'logs/web/app.log'), payment(5) + signup('zoe@example.com', 4));
    writeFileSync(path.join(dir, 'logs/web/app-2026-11-01.log.gz'), gzipSync(signup('cy@example.com', 1)));
    expect((await scan(dir, ['--baseline', '.piiscan-baseline.json'])).exitCode).toBe(0);

    // a new log statement that leaks an email: exactly one new finding, exit 1
    writeFileSync(
      path.join(dir, 'logs/web/app.log'),
      '2026-11-06T10:00:00Z WARN password reset requested by ann@example.com\n',
      { flag: 'a' },
    );
    const leaked = await scan(dir, ['--baseline', '.piiscan-baseline.json']);
    expect(leaked.exitCode).toBe(1);
    expect(leaked.report.findings.filter((f) => f.new)).toEqual([
      expect.objectContaining({
        detector: 'email',
        site: expect.objectContaining({ template: '<ts> WARN password reset requested by <email>' }),
      }),
    ]);
    expect(leaked.report.findings[0]!.new).toBe(true);
  });

  it('holds no values, line numbers, counts or timestamps, and does not change on unchanged data', async () => {
    const dir = makeTree({ 'logs/web/app.log': signup('ann@example.com', 1) + payment(2) });
    await runCli(['baseline', 'logs'], dir);
    const first = readFileSync(path.join(dir, '.piiscan-baseline.json'), 'utf8');
    await runCli(['baseline', 'logs'], dir);
    expect(readFileSync(path.join(dir, '.piiscan-baseline.json'), 'utf8')).toBe(first);
    expect(first).not.toMatch(/ann@example\.com|4111|"line"|"count"|"locations"|2026-11-0\dT/);
    const keys = Object.keys((JSON.parse(first) as { findings: object }).findings);
    expect(keys).toEqual([...keys].sort());
  });

  it('reports stale entries and prunes them', async () => {
    const dir = makeTree({ 'logs/web/app.log': signup('ann@example.com', 1) + payment(2) });
    await runCli(['baseline', 'logs'], dir);
    writeFileSync(path.join(dir, 'logs/web/app.log'), signup('ann@example.com', 1));
    const { exitCode, report } = await scan(dir, ['--baseline', '.piiscan-baseline.json']);
    expect(exitCode).toBe(0);
    expect(report.baseline!.stale).toEqual([expect.objectContaining({ detector: 'credit_card', service: 'web' })]);
    const pruned = await runCli(['baseline', 'logs', '--prune'], dir);
    expect(pruned.stderr).toBe('.piiscan-baseline.json: 1 entries, 1 stale removed.\n');
    expect((await scan(dir, ['--baseline', '.piiscan-baseline.json'])).report.baseline).toMatchObject({
      entries: 1,
      stale: [],
    });
  });

  it('refuses a broken baseline in one line', async () => {
    const old = { version: 1, tool: 'piiscan', findings: {} };
    const dir = makeTree({
      'logs/web/app.log': signup('ann@example.com', 1),
      'bad.json': '{"version":2,"findings":[]}',
      'old.json': JSON.stringify(old),
    });
    expect(await runCli(['scan', 'logs', '--baseline', 'missing.json'], dir)).toMatchObject({
      exitCode: 2,
      stderr: 'piiscan: missing.json: no such baseline file (create one with piiscan baseline)\n',
    });
    const bad = await runCli(['scan', 'logs', '--baseline', 'bad.json'], dir);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/^piiscan: bad\.json: not a piiscan baseline \(.*\)\n$/);
    // A baseline of earlier fingerprints would make every finding new: it is refused with what to do.
    expect(await runCli(['scan', 'logs', '--baseline', 'old.json'], dir)).toMatchObject({
      exitCode: 2,
      stderr: expect.stringMatching(
        /^piiscan: old\.json: a version 1 baseline, .*make it again with piiscan baseline/,
      ) as unknown,
    });
  });
});

describe('--fail-on and --min-sensitivity', () => {
  const files = { 'logs/web/app.log': signup('ann@example.com', 1) + payment(2) };

  it('fails on any plaintext by default, never with none', async () => {
    const dir = makeTree(files);
    expect((await scan(dir)).report.summary.failing).toBe(2);
    expect((await scan(dir, ['--fail-on', 'none'])).exitCode).toBe(0);
  });

  it('lets only sensitive findings fail with --min-sensitivity sensitive', async () => {
    const { exitCode, report } = await scan(makeTree(files), ['--min-sensitivity', 'sensitive']);
    expect(exitCode).toBe(1);
    expect(report.summary.failing).toBe(1);
    const onlyEmail = await scan(makeTree({ 'logs/web/app.log': signup('ann@example.com', 1) }), [
      '--min-sensitivity',
      'sensitive',
    ]);
    expect(onlyEmail.exitCode).toBe(0);
  });
});

describe('allow rules', () => {
  it('accept by value, site or fingerprint with a reason, and stop at their expiry', async () => {
    const dir = makeTree({
      'logs/web/app.log': signup('qa-smoke@example.com', 1) + signup('ann@example.com', 2),
      'logs/qa/app.log': signup('bob@example.com', 3),
      'logs/pay/app.log': payment(4),
    });
    const fingerprint = (await scan(dir)).report.findings.find((f) => f.detector === 'credit_card')!.fingerprint;
    writeFileSync(
      path.join(dir, 'piiscan.yaml'),
      [
        'allow:',
        '  - value: "qa-[a-z]+@example\\\\.com"',
        '    reason: smoke-test account',
        '  - site: "file://logs/qa/**"',
        '    reason: QA environment holds synthetic data',
        `  - fingerprint: ${fingerprint}`,
        '    reason: test card in the payment sandbox',
        '    expires: 2020-01-01',
      ].join('\n'),
    );
    const { exitCode, report } = await scan(dir);
    expect(exitCode).toBe(1);
    expect(report.allowlist).toEqual([
      { rule: 'allow[0]', kind: 'value', reason: 'smoke-test account', expired: false, matched: 1 },
      { rule: 'allow[1]', kind: 'site', reason: 'QA environment holds synthetic data', expired: false, matched: 1 },
      {
        rule: 'allow[2]',
        kind: 'fingerprint',
        reason: 'test card in the payment sandbox',
        expires: '2020-01-01',
        expired: true,
        matched: 0,
      },
    ]);
    const web = report.findings.find((f) => f.service === 'web')!;
    expect(web.count).toBe(1);
    expect(report.findings.find((f) => f.service === 'qa')!.allowed).toEqual({
      rule: 'allow[1]',
      reason: 'QA environment holds synthetic data',
    });
    expect(report.summary.failing).toBe(2);
    const table = await runCli(['scan', 'logs'], dir);
    expect(table.stdout).toContain(
      'Warning: allow[2] expired on 2020-01-01: it no longer accepts anything (test card in the payment sandbox)',
    );
  });

  it('reject a rule with two selectors or a bad pattern in one line', async () => {
    const two = await runCli(
      ['scan', '.'],
      makeTree({ 'piiscan.yaml': 'allow:\n  - { site: "file://x/**", value: "a", reason: r }\n' }),
    );
    expect(two).toMatchObject({
      exitCode: 2,
      stderr: 'piiscan: piiscan.yaml: allow[0]: give exactly one of fingerprint, site, value\n',
    });
    const bad = await runCli(
      ['scan', '.'],
      makeTree({ 'piiscan.yaml': 'allow:\n  - { value: "(?<=a)b", reason: r }\n' }),
    );
    expect(bad).toMatchObject({
      exitCode: 2,
      stderr: 'piiscan: piiscan.yaml: allow[0].value: not a valid RE2 pattern\n',
    });
  });
});

describe('baseline --prune of some targets', () => {
  const stale = (dir: string) =>
    JSON.parse(readFileSync(path.join(dir, '.piiscan-baseline.json'), 'utf8')) as {
      findings: Record<string, { service: string; detector: string }>;
    };
  const entries = (dir: string) =>
    Object.values(stale(dir).findings)
      .map((e) => `${e.service} ${e.detector}`)
      .sort();

  it('prunes only entries of sites under the targets given', async () => {
    const dir = makeTree({
      'logs/web/app.log': signup('ann@example.com', 1) + payment(2),
      'logs/pay/app.log': payment(3),
      'logs/pay/app.log.1': signup('bob@example.com', 4),
    });
    await runCli(['baseline', 'logs'], dir);
    expect(entries(dir)).toEqual(['pay credit_card', 'pay email', 'web credit_card', 'web email']);
    // Every card and email line goes away: each entry is stale, but only the scanned targets' are pruned.
    writeFileSync(path.join(dir, 'logs/web/app.log'), signup('ann@example.com', 1));
    writeFileSync(path.join(dir, 'logs/pay/app.log'), '');
    writeFileSync(path.join(dir, 'logs/pay/app.log.1'), '');
    expect(await runCli(['baseline', 'logs/web', '--prune'], dir)).toMatchObject({
      exitCode: 0,
      stderr: '.piiscan-baseline.json: 3 entries, 1 stale removed.\n',
    });
    expect(entries(dir)).toEqual(['pay credit_card', 'pay email', 'web email']);
    // One file of a rotation group covers only part of its site: nothing of the group is pruned.
    expect((await runCli(['baseline', 'logs/pay/app.log', '--prune'], dir)).stderr).toBe(
      '.piiscan-baseline.json: 3 entries, 0 stale removed.\n',
    );
    expect(entries(dir)).toEqual(['pay credit_card', 'pay email', 'web email']);
    await runCli(['baseline', 'logs/pay/app.log', 'logs/pay/app.log.1', '--prune'], dir);
    expect(entries(dir)).toEqual(['web email']);
  });

  it('prunes nothing when a source could not be read', async () => {
    const dir = makeTree({
      'logs/web/app.log': signup('ann@example.com', 1),
      'logs/web/old.log.gz': gzipSync(payment(2)),
    });
    await runCli(['baseline', 'logs'], dir);
    writeFileSync(path.join(dir, 'logs/web/old.log.gz'), gzipSync(payment(2)).subarray(0, 20));
    const before = readFileSync(path.join(dir, '.piiscan-baseline.json'), 'utf8');
    const pruned = await runCli(['baseline', 'logs', '--prune'], dir);
    expect(pruned.exitCode).toBe(2);
    expect(pruned.stderr).toMatch(
      /^piiscan: \.piiscan-baseline\.json: not pruned: 1 source could not be read \(logs\/web\/old\.log\.gz: .*\)\n$/,
    );
    expect(readFileSync(path.join(dir, '.piiscan-baseline.json'), 'utf8')).toBe(before);
  });
});

describe('baseline --prune from another working folder', () => {
  it('reads file sites against the config folder, as the scan wrote them', async () => {
    const dir = makeTree({
      'piiscan.yaml': 'failOn: any\n',
      'logs/web/app.log': signup('ann@example.com', 1),
      'logs/pay/app.log': payment(2),
    });
    await runCli(['baseline', 'logs'], dir);
    const services = () =>
      Object.values(
        (
          JSON.parse(readFileSync(path.join(dir, '.piiscan-baseline.json'), 'utf8')) as {
            findings: Record<string, { service: string }>;
          }
        ).findings,
      )
        .map((e) => e.service)
        .sort();
    expect(services()).toEqual(['pay', 'web']);
    writeFileSync(path.join(dir, 'logs/web/app.log'), '');
    writeFileSync(path.join(dir, 'logs/pay/app.log'), '');
    // From logs/, `web` is the target: only its entry is stale and pruned, pay's stays.
    const pruned = await runCli(
      ['baseline', 'web', '--prune', '-c', '../piiscan.yaml', '-o', '../.piiscan-baseline.json'],
      path.join(dir, 'logs'),
    );
    expect(pruned.exitCode).toBe(0);
    expect(services()).toEqual(['pay']);
  });
});

describe('the sites a target covers', () => {
  const column = (uri: string): Site => ({ kind: 'column', uri, template: '' });
  const object = (uri: string): Site => ({ kind: 'object', uri, template: '<email>' });

  it("covers a database's columns, a bucket prefix's groups, and nothing of another kind", async () => {
    const scope = await createTargetScope(
      [
        'postgres://reader@db.internal/orders',
        'mysql://reader@maria.internal:3307/',
        's3://exports/orders/dt=2026-11-01/',
      ],
      { cwd: '/tmp' },
    );
    expect(scope(column('postgres://db.internal:5432/orders/public.users.email'))).toBe(true);
    expect(scope(column('postgres://db.internal:5432/billing/public.users.email'))).toBe(false);
    expect(scope(column('mysql://maria.internal:3307/shop/users.email'))).toBe(true);
    expect(scope(column('mysql://maria.internal:3306/shop/users.email'))).toBe(false);
    expect(scope(object('s3://exports/orders/dt=*/part-*.csv.gz#email'))).toBe(true);
    expect(scope(object('s3://exports/users/part-*.csv.gz#email'))).toBe(false);
    expect(scope({ kind: 'file', uri: 's3://exports/orders/dt=*/x*', template: '' })).toBe(false);
  });
});
