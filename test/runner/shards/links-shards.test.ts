// Linkable pseudonyms across shards: a CSV of emails, one of their sha256 and one of their md5,
// each read by another of 3 shards. With a link key every shard shares, the merge marks the
// hashed columns as one process does; without one it cannot and says so; parts of other keys are
// refused; and no part holds a value, a digest of one or the key.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/main.js';
import { toDigestKeys } from '../../../src/engine/digests.js';
import type { Report } from '../../../src/report/report.js';
import { makeTree } from '../../helpers.js';
import { readReport, runShards, scanBothWays, withoutRun } from './shard-helpers.js';

const KEY = 'test-link-key-0123456789abcdef';
const EMAILS = Array.from({ length: 30 }, (_, i) => `Buyer${i}@Example.com`);
const digest = (algorithm: string, text: string, encoding: 'hex' | 'base64' = 'hex') =>
  createHash(algorithm).update(text).digest(encoding);
const csv = (header: string, values: readonly string[]) =>
  `id,${header}\n${values.map((v, i) => `${i + 1},${v}`).join('\n')}\n`;

function makeStores(): string {
  const sha256 = EMAILS.map((e, i) =>
    i === 29 ? digest('sha256', 'other@example.org') : digest('sha256', e.toLowerCase()),
  );
  return makeTree({
    'data/orders/customers.csv': csv('email', EMAILS),
    'data/analytics/events.csv': csv('user_email_sha256', sha256),
    'data/crm/contacts.csv': csv(
      'email_md5',
      EMAILS.slice(0, 20).map((e) => digest('md5', e.toLowerCase(), 'base64')),
    ),
  });
}

/** The hashed findings' marks, by service. */
function linksOf(report: Partial<Report>) {
  return Object.fromEntries(
    report.findings!.filter((f) => f.form === 'hashed').map((f) => [f.service, f.linkable ?? null]),
  );
}

const keyed = ['--link-key-env', 'PIISCAN_LINK_KEY'];
const merge = (cwd: string, args: string[], env: Record<string, string> = {}) =>
  run(['merge', ...args, '-f', 'json', '-q'], { cwd, env });

describe('linkable pseudonyms across shards', () => {
  const dir = makeStores();

  it('with a link key, 3 shards merge into the single-process report, links included', async () => {
    const { single, merged, shards } = await scanBothWays(['data'], { n: 3, cwd: dir, linkKey: KEY });
    expect(shards.map((s) => [s.exitCode, s.stderr])).toEqual([0, 1, 2].map(() => [0, '']));
    expect(merged).toEqual(single);
    expect(linksOf(merged.report)).toEqual({
      analytics: { source: 'file://data/orders/customers.csv*#email', digest: 'sha256-hex', share: 0.967, sampled: 30 },
      crm: { source: 'file://data/orders/customers.csv*#email', digest: 'md5-base64', share: 1, sampled: 20 },
    });
    // Each store was read by another shard: no shard could have linked them alone.
    const readers = [0, 1, 2].map((i) =>
      readReport(dir, `parts-3/part-${i}.json`)
        .findings.map((f) => f.service)
        .sort(),
    );
    expect(readers.sort()).toEqual([['analytics'], ['crm'], ['orders']]);
  });

  it('without a key, links are compared within shards only, and coverage says so', async () => {
    const { single, merged } = await scanBothWays(['data'], { n: 3, cwd: dir });
    expect(linksOf(single.report)).toMatchObject({ analytics: { share: 0.967 } });
    expect(linksOf(merged.report)).toEqual({ analytics: null, crm: null });
    expect(readReport(dir, 'parts-3/part-0.json').shard!.links).toBeUndefined();
    // The text formats do not show coverage: the merge says it on stderr (unless --quiet).
    const told = await run(['merge', 'parts-3', '-o', 'merged.txt'], { cwd: dir, env: {} });
    expect(told.stderr).toContain('within each shard only (coverage.linkablePseudonyms)');
  });

  it('says nothing of links on stderr when they were compared across shards', async () => {
    await runShards(['data', ...keyed], { n: 3, cwd: dir, env: { PIISCAN_LINK_KEY: KEY } });
    const merged = await run(['merge', 'parts-3', ...keyed, '-o', 'merged.txt'], {
      cwd: dir,
      env: { PIISCAN_LINK_KEY: KEY },
    });
    expect(merged.exitCode).toBe(1);
    expect(merged.stderr).not.toContain('within each shard only');
  });

  it('no part holds a value, a digest of one (whole or as sampled) or the key', async () => {
    await runShards(['data', ...keyed], { n: 3, cwd: dir, env: { PIISCAN_LINK_KEY: KEY } });
    const parts = [0, 1, 2].map((i) => readFileSync(path.join(dir, `parts-3/part-${i}.json`), 'utf8'));
    expect(parts.map((p) => (JSON.parse(p) as Report).shard!.links!.units.length)).toEqual([1, 1, 1]);
    const secrets = EMAILS.flatMap((e) => [
      e,
      e.toLowerCase(),
      digest('sha256', e.toLowerCase()),
      digest('md5', e.toLowerCase(), 'base64'),
      ...toDigestKeys(e, 'email').map(([k]) => k),
    ]);
    for (const part of parts) {
      for (const secret of [...secrets, KEY]) expect(part).not.toContain(secret);
      expect(part.toLowerCase()).not.toContain('buyer');
    }
  });

  it('refuses parts of another key, or made without one, naming them; the merge may check its own', async () => {
    await runShards(['data', ...keyed], { n: 3, cwd: dir, env: { PIISCAN_LINK_KEY: KEY } });
    const other = { PIISCAN_LINK_KEY: `${KEY}-other` };
    const argv = (i: number, out: string, key: string[]) => [
      'scan',
      'data',
      '--shard',
      `${i}/3`,
      ...key,
      '-f',
      'json',
      '-o',
      out,
      '-q',
    ];
    await run(argv(1, 'other-key.json', keyed), { cwd: dir, env: other });
    await run(argv(2, 'no-key.json', []), { cwd: dir, env: {} });
    const mixed = await merge(dir, ['parts-3/part-0.json', 'other-key.json', 'no-key.json']);
    expect(mixed).toMatchObject({ exitCode: 2, stdout: '' });
    expect(mixed.stderr).toContain('other-key.json: shard 1 made with another link key than parts-3/part-0.json');
    expect(mixed.stderr).toContain(
      'no-key.json: shard 2 made without a link key (--link-key-env), unlike parts-3/part-0.json',
    );
    const unkeyedFirst = await merge(dir, ['no-key.json', 'parts-3/part-0.json', 'parts-3/part-1.json']);
    expect(unkeyedFirst.stderr).toContain(
      'parts-3/part-0.json: shard 0 made with a link key (--link-key-env), unlike no-key.json',
    );
    const ownKey = await merge(dir, ['parts-3', ...keyed], other);
    expect(ownKey.exitCode).toBe(2);
    expect(ownKey.stderr).toContain(
      "parts-3/part-0.json: shard 0 made with another link key than the merge's --link-key-env",
    );
    for (const refused of [mixed, unkeyedFirst, ownKey]) expect(refused.stderr).not.toContain(KEY);
    expect((await merge(dir, ['parts-3', ...keyed], { PIISCAN_LINK_KEY: KEY })).exitCode).toBe(1);
  });

  it('refuses a key variable unset or too short, and a whole scan needs none', async () => {
    const unset = await run(['scan', 'data', '--shard', '0/3', ...keyed, '-q'], { cwd: dir, env: {} });
    expect(unset).toMatchObject({ exitCode: 2 });
    expect(unset.stderr).toContain('the environment variable PIISCAN_LINK_KEY is not set');
    const short = await run(['scan', 'data', '--shard', '0/3', ...keyed, '-q'], {
      cwd: dir,
      env: { PIISCAN_LINK_KEY: 'abc' },
    });
    expect(short.stderr).toContain('shorter than 16 characters');
    expect(short.stderr).not.toContain('abc');
    const whole = await run(['scan', 'data', ...keyed, '-f', 'json', '-q'], { cwd: dir, env: {} });
    expect(withoutRun(JSON.parse(whole.stdout) as Report).findings).toHaveLength(3);
  });
});
