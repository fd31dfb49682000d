// `piiscan report` renders a saved JSON report; `piiscan explain` says why a finding exists.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatterFor } from '../../src/report/formatters.js';
import { makeTree, parseReport, runCli } from '../helpers.js';

async function savedReport() {
  const dir = makeTree({
    'logs/web/app.log':
      '2026-11-01T10:00:00Z INFO signup for ann@example.com\n{"msg":"charge","card":{"number":"4111111111111111"}}\n',
    'piiscan.yaml':
      'services:\n  - service: storefront\n    match: ["file://logs/web/**"]\n    owner: { team: web-platform, email: web@example.com }\n',
  });
  await runCli(['scan', 'logs', '--format', 'json', '--output', 'report.json'], dir);
  return dir;
}

describe('piiscan report', () => {
  it('renders a saved report exactly as the scan would have', async () => {
    const dir = await savedReport();
    const { readFileSync } = await import('node:fs');
    const report = parseReport(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    for (const format of ['table', 'markdown', 'sarif', 'html', 'json']) {
      const rendered = await runCli(['report', 'report.json', '--format', format], dir);
      expect(rendered.exitCode, format).toBe(0);
      expect(rendered.stdout, format).toBe((await formatterFor(format))(report, { color: false, allForms: false }));
    }
  });

  it('refuses what is not a current piiscan report, in one line', async () => {
    const dir = makeTree({
      'old.json': JSON.stringify({ schemaVersion: 1, tool: { name: 'piiscan' }, findings: [] }),
      'x.json': '[]',
      'bad.json': '{',
    });
    expect(await runCli(['report', 'old.json'], dir)).toMatchObject({
      exitCode: 2,
      stderr: 'piiscan: old.json: report schema version 1, this piiscan reads version 4: scan again\n',
    });
    expect(await runCli(['report', 'x.json'], dir)).toMatchObject({
      exitCode: 2,
      stderr: 'piiscan: x.json: not a piiscan JSON report\n',
    });
    expect(await runCli(['report', 'bad.json'], dir)).toMatchObject({
      exitCode: 2,
      stderr: 'piiscan: bad.json: not a JSON file\n',
    });
    expect(await runCli(['report', 'none.json'], dir)).toMatchObject({
      exitCode: 2,
      stderr: 'piiscan: none.json: no such file or folder\n',
    });
  });
});

describe('piiscan explain', () => {
  it('gives detector, validator, context, form, owner rule, baseline and allow status', async () => {
    const dir = await savedReport();
    const { readFileSync } = await import('node:fs');
    const card = parseReport(readFileSync(path.join(dir, 'report.json'), 'utf8')).findings.find(
      (f) => f.detector === 'credit_card',
    )!;
    const result = await runCli(['explain', card.fingerprint.slice(0, 8), '--report', 'report.json'], dir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`Finding:   ${card.fingerprint}: credit_card, plaintext, confidence 0.85`);
    expect(result.stdout).toContain('Pattern:   credit_card.number');
    expect(result.stdout).toContain('Validator: luhn passed');
    expect(result.stdout).toContain('Context:   "card" near the match');
    expect(result.stdout).toContain('Form:      plaintext: matched in clear text');
    expect(result.stdout).toContain('Service:   storefront, from config rule services[0] (the last rule that matched)');
    expect(result.stdout).toContain('Owner:     web-platform, web@example.com');
    expect(result.stdout).toContain('JSON path: $.card.number');
    expect(result.stdout).toContain('Baseline:  no baseline used');
    expect(result.stdout).toContain('Allow:     no allow rule accepts it');
    expect(result.stdout).toContain('Gate:      fails the scan (--fail-on any, --min-sensitivity standard)');
    expect(result.stdout).not.toContain('4111111111111111');
  });

  it('says when a fingerprint is unknown, ambiguous or too short', async () => {
    const dir = await savedReport();
    writeFileSync(path.join(dir, 'empty.json'), '');
    expect(await runCli(['explain', 'ffffffff', '--report', 'report.json'], dir)).toMatchObject({
      exitCode: 2,
      stderr: 'piiscan: no finding with fingerprint ffffffff in the report\n',
    });
    expect(await runCli(['explain', 'abc', '--report', 'report.json'], dir)).toMatchObject({
      exitCode: 2,
      stderr: 'piiscan: give at least 6 characters of a fingerprint, not "abc"\n',
    });
  });
});
