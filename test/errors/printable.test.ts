/* eslint-disable no-control-regex -- the control characters are what these tests are about */
// Terminal control characters and other unprintable characters in file names, keys, log lines and
// error messages reach no output raw: every format escapes them (`\x1b`), JSON and SARIF stay JSON.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { toJsonText, toPrintable } from '../../src/errors/printable.js';
import { makeTree, parseReport, parseSarif, runCli } from '../helpers.js';

/** ESC sequences (clear screen, cursor home, window title), BEL, backspace, DEL, C1 CSI and a bidi override. */
const NASTY = '\x1b[2J\x1b[H\x1b]0;pwned\x07\b\x7f\u009b\u202e';
/** Any of those, raw; line ends aside. */
const RAW = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

function tree(): string {
  return makeTree({
    [`logs/web${NASTY}/app${NASTY}.log`]: `2026-11-01T10:00:00Z INFO ${NASTY} signup for ann@example.com ${NASTY}\n`,
    'logs/api/app.jsonl': `${JSON.stringify({ msg: 'signup', [`user${NASTY}`]: { email: 'bob@example.com' } })}\n`,
    [`logs/old/app${NASTY}.log.gz`]: gzipSync('2026-11-01 INFO cy@example.com\n').subarray(0, 20),
  });
}

describe('unprintable characters', () => {
  it(
    'are escaped in the table, Markdown and HTML, and JSON and SARIF stay valid JSON',
    { timeout: 30_000 },
    async () => {
      const dir = tree();
      const outputs: Record<string, string> = {};
      for (const format of ['table', 'markdown', 'html', 'json', 'sarif']) {
        const result = await runCli(['scan', 'logs', '--format', format], dir);
        expect(result.exitCode, format).toBe(2);
        outputs[format] = result.stdout;
        expect(result.stdout, format).not.toMatch(RAW);
      }
      const report = parseReport(outputs['json']!);
      parseSarif(outputs['sarif']!);
      // The report keeps the exact text: the file name, the key and the error's source.
      expect(report.findings.some((f) => f.locations[0]!.path.includes(NASTY))).toBe(true);
      expect(report.findings.some((f) => f.site.jsonPath?.includes('\x7f\u009b\u202e'))).toBe(true);
      expect(report.errors[0]!.source).toContain(NASTY);
      for (const format of ['table', 'markdown', 'html']) {
        expect(outputs[format], format).toContain(format === 'markdown' ? '\\\\x1b\\[2J' : '\\x1b[2J');
        expect(outputs[format], format).toContain('\\u202e');
      }
      expect(outputs['table']).toContain(`app\\x1b[2J\\x1b[H\\x1b]0;pwned\\x07\\x08\\x7f\\x9b\\u202e.log`);
    },
  );

  it(
    'are escaped in coloured tables (only colour codes stay), explain output and stderr',
    { timeout: 30_000 },
    async () => {
      const dir = tree();
      const coloured = await run(['scan', 'logs'], { cwd: dir, env: {}, stdoutIsTTY: true });
      expect(coloured.stdout.replace(/\x1b\[\d+m/g, '')).not.toMatch(RAW);
      expect(coloured.stdout).toMatch(/\x1b\[\d+m/);

      await runCli(['scan', 'logs', '--format', 'json', '--output', 'report.json'], dir);
      const report = parseReport((await runCli(['scan', 'logs', '--format', 'json'], dir)).stdout);
      const fingerprint = report.findings.find((f) => f.locations[0]!.path.includes(NASTY))!.fingerprint;
      const explained = await runCli(['explain', fingerprint, '--report', 'report.json'], dir);
      expect(explained.exitCode).toBe(0);
      expect(explained.stdout).not.toMatch(RAW);
      expect(explained.stdout).toContain('\\x1b[2J');

      const usage = await runCli(['scan', 'logs', '--format', `x${NASTY}`], dir);
      expect(usage.exitCode).toBe(2);
      expect(usage.stderr).not.toMatch(RAW);
      expect(usage.stderr).toContain('x\\x1b[2J');
      const missing = await runCli(['scan', 'logs', '--config', `piiscan${NASTY}.yaml`], dir);
      expect(missing).toMatchObject({
        exitCode: 2,
        stderr: `piiscan: piiscan${toPrintable(NASTY)}.yaml: no such file\n`,
      });
    },
  );

  it('escape to the same text they stand for in JSON', () => {
    const value = { text: `a${NASTY}\u2028\u{e0001}b`, lone: '\ud800' };
    const text = toJsonText(value);
    expect(text).not.toMatch(RAW);
    expect(text).not.toMatch(/[\u{e0001}]/u);
    expect(JSON.parse(text)).toEqual(value);
    expect(toPrintable('tab\there\nnext\r\u0000\u{e0001}')).toBe('tab\\there\\nnext\\r\\x00\\u{e0001}');
  });
});
