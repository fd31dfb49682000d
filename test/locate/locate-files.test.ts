// locate over files: every form found with its line, subjects named by ref, exit codes of --expect absent.
import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from '../helpers.js';
import type { LocateReport } from '../../src/locate/report.js';
import { EMAIL, FORMS, HMAC_KEY, IDENTIFIERS, PHONE, SSN, formLines } from './fixture.js';
import { run } from '../../src/cli/main.js';

const SUBJECT = ['--subject', `email=${EMAIL}`, '--subject', `phone=${PHONE}`, '--subject', `us_ssn=${SSN}`];

async function locate(argv: string[], cwd: string, env: Record<string, string> = {}) {
  const result = await run(['locate', ...argv], { cwd, env });
  return { ...result, report: result.stdout.startsWith('{') ? (JSON.parse(result.stdout) as LocateReport) : undefined };
}

describe('locate over files', () => {
  it('finds every form on its line, named by its form', async () => {
    const dir = makeTree({ 'logs/app.log': `${formLines().join('\n')}\n` });
    const { exitCode, report } = await locate(
      ['logs', ...SUBJECT, '--hash-key-env', 'KEY', '--subject', 'ref=case-1'],
      dir,
      {
        KEY: HMAC_KEY,
      },
    );
    expect(exitCode).toBe(0);
    const subject = report!.subjects[0]!;
    expect(subject.subject).toBe('case-1');
    const found = subject.locations.map((t) => ({ line: t.line, form: t.form, identifier: t.identifier }));
    expect(found).toEqual(FORMS.map((f, i) => ({ line: i + 1, form: f.form, identifier: f.identifier })));
    expect(subject.traces).toBe(FORMS.length);
    expect(report!.formsTried).toContain('hmac-sha256-base64 of email');
  });

  it('gives the JSON path of a JSON line and the canonical mailbox of a gmail address', async () => {
    const dir = makeTree({
      'logs/app.log': '{"user":{"contact":"JaneDoe+promo@gmail.com"}}\n{"n":1}\n',
    });
    const { report } = await locate(['logs', '--subject', 'email=jane.doe@gmail.com'], dir);
    expect(report!.subjects[0]!.locations).toEqual([
      expect.objectContaining({ line: 1, jsonPath: '$.user.contact', form: 'normalised (canonical mailbox)' }),
    ]);
  });

  it('reads subjects from a CSV, thousands in one pass, and names them by ref or HMAC', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `s${i},user${i}@example.com,`);
    const dir = makeTree({
      'subjects.csv': `ref,email,phone\n${rows.join('\n')}\n,${EMAIL},${PHONE}\n`,
      'logs/a.log': 'mail user2999@example.com\nnobody here\n',
      'logs/b.log': `call ${PHONE}\n`,
    });
    const { exitCode, report } = await locate(['logs', '--subjects', 'subjects.csv', '--expect', 'absent'], dir);
    expect(exitCode).toBe(1);
    expect(report!.verdict).toBe('traces found');
    expect(report!.summary).toEqual({ subjects: 3001, found: 2, traces: 2 });
    expect(report!.subjects[2999]).toMatchObject({ subject: 's2999', result: 'found' });
    expect(report!.subjects[3000]!.subject).toMatch(/^hmac:[0-9a-f]{16}$/);
    expect(report!.subjects[0]).toMatchObject({ result: 'absent', traces: 0 });
  });

  it('finds with worker threads (--jobs 2) what it finds on one thread, in the same report', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `s${i},user${i}@example.com,`);
    const files = Object.fromEntries(
      formLines().map((line, i) => [
        `logs/app-${String(i).padStart(2, '0')}.log`,
        `${line}\nmail user${i}@example.com\n`,
      ]),
    );
    const dir = makeTree({ ...files, 'subjects.csv': `ref,email,phone\n${rows.join('\n')}\n,${EMAIL},${PHONE}\n` });
    const argv = ['logs', '--subjects', 'subjects.csv', '--max-locations', '5', '--hash-key-env', 'KEY'];
    const byJobs = async (jobs: string) => (await locate([...argv, '--jobs', jobs], dir, { KEY: HMAC_KEY })).report!;
    const [one, two] = [await byJobs('1'), await byJobs('2')];
    const timeless = (report: LocateReport) => ({ ...report, startedAt: '', finishedAt: '' });
    expect(timeless(two)).toEqual(timeless(one));
    // The subjects' file has no us_ssn column: Jane is found by her email and phone.
    const janes = FORMS.filter((f) => f.identifier !== 'us_ssn').length;
    expect(one.summary).toEqual({ subjects: 2001, found: FORMS.length + 1, traces: FORMS.length + janes });
    const jane = one.subjects[2000]!;
    // Every trace counted; the first five places of all the units' listed, in location order.
    expect(jane.traces).toBe(janes);
    expect(jane.locations.map((t) => t.location)).toEqual(Object.keys(files).slice(0, 5));
  });

  it('writes to a file the report it writes to stdout, in every format', async () => {
    const dir = makeTree({ 'logs/app.log': `${formLines().join('\n')}\n`, 'out/.keep': '' });
    for (const format of ['json', 'markdown', 'html']) {
      const shown = await locate(['logs', ...SUBJECT, '-f', format, '--subject', 'ref=case-1'], dir);
      await locate(['logs', ...SUBJECT, '-f', format, '--subject', 'ref=case-1', '-o', `out/report.${format}`], dir);
      const written = readFileSync(path.join(dir, `out/report.${format}`), 'utf8');
      const untimed = (text: string) => text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T');
      expect(untimed(written)).toEqual(untimed(shown.stdout));
    }
  });

  it('exits 0 with --expect absent when nothing is found and every file was read', async () => {
    const dir = makeTree({ 'logs/app.log': 'user bob@example.com 07700 900999\n' });
    const { exitCode, report } = await locate(['logs', ...SUBJECT, '--expect', 'absent'], dir);
    expect(exitCode).toBe(0);
    expect(report!.verdict).toBe('erased');
    expect(report!.coverage.files).toBe(1);
  });

  it('exits 2, never erased, when a source cannot be read', async () => {
    const dir = makeTree({ 'logs/app.log': 'nothing\n' });
    const { exitCode, report } = await locate(['logs', 'missing.log', ...SUBJECT, '--expect', 'absent'], dir);
    expect(exitCode).toBe(2);
    expect(report!.verdict).toBe('incomplete');
    expect(report!.errors).toHaveLength(1);
  });

  it('writes no identifier in any format, not even in a file named for the subject', async () => {
    const dir = makeTree({
      [`users/${EMAIL}.log`]: `${formLines().join('\n')}\n`,
      'logs/plain.log': 'ok\n',
    });
    chmodSync(path.join(dir, 'logs'), 0o755);
    for (const format of ['json', 'markdown', 'html']) {
      const { stdout, stderr } = await locate(['users', 'logs', ...SUBJECT, '-f', format], dir);
      expect(stdout).toContain('found');
      for (const id of [...IDENTIFIERS, ...FORMS.map((f) => f.value)]) {
        expect(stdout.toLowerCase()).not.toContain(id.toLowerCase());
        expect(stderr.toLowerCase()).not.toContain(id.toLowerCase());
      }
    }
  });

  it('names no identifier in a usage error', async () => {
    const { exitCode, stderr } = await runCli(['locate', 'x', '--subject', `mail=${EMAIL}`]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('unknown identifier kind "mail"');
    expect(stderr).not.toContain(EMAIL);
  });

  it('splits into shards that together find what one run finds, each saying its part of one plan', async () => {
    const lines = formLines();
    const files = Object.fromEntries(
      lines.map((line, i) => [`logs/app-${String(i).padStart(2, '0')}.log`, `${line}\n`]),
    );
    const dir = makeTree(files);
    const argv = ['logs', ...SUBJECT, '--hash-key-env', 'KEY', '--subject', 'ref=case-1'];
    const whole = (await locate(argv, dir, { KEY: HMAC_KEY })).report!;
    const parts = [];
    for (const i of [0, 1, 2]) {
      const { exitCode, report } = await locate([...argv, '--shard', `${i}/3`], dir, { KEY: HMAC_KEY });
      expect(exitCode).toBe(0);
      parts.push(report!);
    }
    expect(new Set(parts.map((p) => p.shard!.plan)).size).toBe(1);
    expect(parts.map((p) => p.shard!.unitsRead).reduce((a, b) => a + b)).toBe(parts[0]!.shard!.units);
    expect(parts.every((p) => p.shard!.unitsRead < lines.length)).toBe(true);
    const traces = (r: LocateReport) => r.subjects[0]!.locations.map((t) => `${t.location}:${t.line}:${t.form}`);
    expect(parts.flatMap(traces).sort()).toEqual(traces(whole).sort());
    expect(whole.shard).toBeUndefined();
  });
});
