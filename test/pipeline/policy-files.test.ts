// The policy on files, end to end: every verdict with the rule that decided it, the gate, the
// baseline, SARIF levels and explain.
import { describe, expect, it } from 'vitest';
import { makeTree, parseReport, parseSarif, runCli } from '../helpers.js';
import { USER_SERVICE_VERDICTS, userServicePolicy, verdictsOf } from './user-service-fixture.js';

const POLICY = userServicePolicy();

const FILES = {
  'users/users.csv': 'id,email_enc\n1,vault:v1:c2VjcmV0LWNpcGhlcnRleHQtb25l\n2,vault:v1:c2VjcmV0LWNpcGhlcnRleHQtdHdv\n',
  'orders/customers.csv': 'id,email\n1,ann@example.com\n2,bob@example.com\n',
  'gateway/app.log': '2026-11-01T10:00:00Z INFO login for a***@example.com\n',
  'web/app.log': '2026-11-01T10:00:00Z INFO login email_sha1=9fceb02d0ae598e95dc970b74767f19372d61af8\n',
};

describe('policy on files', () => {
  it('gives every finding a verdict and the rule that decided it', async () => {
    const dir = makeTree({ ...FILES, 'piiscan.yaml': POLICY });
    const result = await runCli(['scan', '.', '--format', 'json'], dir);
    const report = parseReport(result.stdout);
    expect(verdictsOf(report.findings)).toEqual({
      ...USER_SERVICE_VERDICTS,
      'web hashed': 'violation policy.rules["*"].email.logs',
    });
    expect(result.exitCode).toBe(1);
    expect(report.summary.failing).toBe(2);
  });

  it('without a policy, the default one: only plaintext is a violation', async () => {
    const report = parseReport((await runCli(['scan', '.', '--format', 'json'], makeTree(FILES))).stdout);
    expect(verdictsOf(report.findings)).toEqual({
      'users encrypted': 'allowed default["*"]["*"]',
      'orders plaintext': 'violation default["*"]["*"]',
      'gateway masked': 'allowed default["*"]["*"]',
      'web hashed': 'allowed default["*"]["*"]',
    });
  });

  it('a service section without a rule for a finding falls to the next one; none falls to the default', async () => {
    const yaml = 'policy:\n  rules:\n    orders: { phone: [plaintext] }\n    "order*": { contact: [plaintext] }\n';
    const report = parseReport(
      (await runCli(['scan', 'orders', '--format', 'json'], makeTree({ ...FILES, 'piiscan.yaml': yaml }))).stdout,
    );
    expect(report.findings.map((f) => f.policy)).toEqual([
      expect.objectContaining({ verdict: 'allowed', rule: 'policy.rules["order*"].contact' }),
    ]);
    const none = 'policy:\n  rules:\n    payments: { "*": [plaintext] }\n';
    const other = parseReport(
      (await runCli(['scan', 'orders', '--format', 'json'], makeTree({ ...FILES, 'piiscan.yaml': none }))).stdout,
    );
    expect(other.findings[0]!.policy).toMatchObject({ verdict: 'violation', rule: 'default["*"]["*"]' });
  });

  it('fails only on new violations with a baseline, and SARIF levels follow the verdict', async () => {
    const dir = makeTree({ ...FILES, 'piiscan.yaml': POLICY });
    expect((await runCli(['baseline', 'orders'], dir)).exitCode).toBe(0);
    expect((await runCli(['scan', 'orders', '--baseline', '.piiscan-baseline.json'], dir)).exitCode).toBe(0);
    expect((await runCli(['scan', '.', '--baseline', '.piiscan-baseline.json'], dir)).exitCode).toBe(1);
    const sarif = parseSarif((await runCli(['scan', '.', '--format', 'sarif'], dir)).stdout);
    const levels = sarif.runs[0]!.results.map((r) => [(r['properties'] as { form: string }).form, r['level']]);
    expect(Object.fromEntries(levels)).toEqual({
      plaintext: 'warning',
      hashed: 'warning',
      encrypted: 'none',
      masked: 'none',
    });
  });

  it('explain names the rule and the reason', async () => {
    const dir = makeTree({ ...FILES, 'piiscan.yaml': POLICY });
    await runCli(['scan', '.', '--format', 'json', '--output', 'r.json'], dir);
    const report = parseReport((await runCli(['report', 'r.json', '--format', 'json'], dir)).stdout);
    const hashed = report.findings.find((f) => f.form === 'hashed')!;
    const text = (await runCli(['explain', hashed.fingerprint, '--report', 'r.json'], dir)).stdout;
    expect(text).toContain(
      'Policy:    violation by policy.rules["*"].email.logs: hashed email; web may hold email masked',
    );
    expect(text).toContain('Gate:      fails the scan');
  });

  it('rejects forms and site kinds it does not know, one line each', async () => {
    const yaml = 'policy:\n  rules:\n    users: { email: [encryptd] }\n    "*": { "*": { log: [masked] } }\n';
    const result = await runCli(['scan', '.'], makeTree({ ...FILES, 'piiscan.yaml': yaml }));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('policy.rules.users.email');
  });
});
