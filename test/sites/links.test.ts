// Linkable pseudonyms on files: a CSV column of unsalted digests of emails another CSV holds in
// plaintext is marked linkable, with the share and the digest; nothing of the values is printed.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseDigest, toDigestKeys } from '../../src/engine/digests.js';
import { makeTree, parseReport, runCli } from '../helpers.js';

const EMAILS = Array.from({ length: 12 }, (_, i) => `Customer${i}@Example.com`);
const digest = (algorithm: string, text: string, encoding: 'hex' | 'base64' = 'hex') =>
  createHash(algorithm).update(text).digest(encoding);

function csv(header: string, values: string[]): string {
  return `id,${header}\n${values.map((v, i) => `${i + 1},${v}`).join('\n')}\n`;
}

describe('digests', () => {
  it('parses hex, base64 and prefixed digests, and nothing else', () => {
    const hex = digest('sha256', 'ann@example.com');
    expect(parseDigest(hex)).toEqual({ key: hex.slice(0, 16), algorithm: 'sha256', encoding: 'hex' });
    expect(parseDigest(`sha256:${hex.toUpperCase()}`)?.key).toBe(hex.slice(0, 16));
    expect(parseDigest(digest('md5', 'x', 'base64'))).toMatchObject({ algorithm: 'md5', encoding: 'base64' });
    expect(parseDigest('not a digest')).toBeUndefined(); // spaces
    expect(parseDigest('abc123')).toBeUndefined(); // no digest's length
  });

  it('hashes the normalised forms: trimmed, lower-cased, E.164', () => {
    const keys = toDigestKeys(' Ann@Example.com ', 'email').map(([k]) => k);
    expect(keys).toContain(digest('sha256', 'ann@example.com').slice(0, 16));
    expect(keys).toContain(digest('sha1', 'Ann@Example.com').slice(0, 16));
    const phone = toDigestKeys('+44 7700 900123', 'phone').map(([k]) => k);
    expect(phone).toContain(digest('sha256', '+447700900123').slice(0, 16));
  });
});

describe('linkable pseudonyms in a scan of files', () => {
  const hashed = EMAILS.map((e, i) =>
    i === 11 ? digest('sha256', 'other@example.org') : digest('sha256', e.toLowerCase()),
  );
  const tree = {
    'orders/customers.csv': csv('email', EMAILS),
    'analytics/events.csv': csv('user_email_sha256', hashed),
    'crm/contacts.csv': csv(
      'email_md5',
      EMAILS.map((e) => digest('md5', e.toLowerCase(), 'base64')),
    ),
    'salted/events.csv': csv(
      'email_sha256',
      EMAILS.map((e) => digest('sha256', `pepper:${e}`)),
    ),
  };

  it('marks unsalted digests of plaintext found elsewhere, with the share, and not salted ones', async () => {
    const result = await runCli(['scan', '.', '--format', 'json'], makeTree(tree));
    const report = parseReport(result.stdout);
    const links = Object.fromEntries(
      report.findings.filter((f) => f.form === 'hashed').map((f) => [f.service, f.linkable ?? null]),
    );
    expect(links).toEqual({
      analytics: { source: 'file://orders/customers.csv*#email', digest: 'sha256-hex', share: 0.917, sampled: 12 },
      crm: { source: 'file://orders/customers.csv*#email', digest: 'md5-base64', share: 1, sampled: 12 },
      salted: null,
    });
    for (const value of [...EMAILS, ...hashed]) expect(result.stdout).not.toContain(value);
  });

  it('a policy may forbid unsalted digests, or allow only keyed hashes', async () => {
    const forbid = 'policy:\n  unsaltedHashes: forbid\n';
    const keyed = 'policy:\n  rules:\n    "*": { email: [keyed-hashed, masked] }\n';
    for (const yaml of [forbid, keyed]) {
      const result = await runCli(['scan', '.', '--format', 'json'], makeTree({ ...tree, 'piiscan.yaml': yaml }));
      const verdicts = Object.fromEntries(
        parseReport(result.stdout)
          .findings.filter((f) => f.form === 'hashed')
          .map((f) => [f.service, f.policy!.verdict]),
      );
      expect(verdicts, yaml).toEqual({ analytics: 'violation', crm: 'violation', salted: 'allowed' });
    }
  });
});
