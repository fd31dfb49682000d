// The Redis connector against a real server (test/servers/redis.sh; .ci/run starts one).
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectServer, scanJson, withUrlParts } from '../../helpers.js';

const ADMIN_URL = process.env['PIISCAN_TEST_REDIS_URL'];
const PASSWORD = ADMIN_URL ? decodeURIComponent(new URL(ADMIN_URL).password) : '';
/** The test's own database, flushed before and after. */
const DATABASE = 3;

/** The test server's URL for a user (test/servers/redis.sh makes default and limited). */
function urlFor(username = 'default', password = PASSWORD): string {
  return withUrlParts(ADMIN_URL!, { pathname: `/${DATABASE}`, username, password });
}

const createAdmin = () => createClient({ url: urlFor() });

async function withAdmin(run: (admin: ReturnType<typeof createAdmin>) => Promise<unknown>): Promise<void> {
  const admin = createAdmin();
  await admin.connect();
  try {
    await run(admin);
  } finally {
    await admin.close();
  }
}

const scan = (args: string[], url = urlFor()) => scanJson(url, args);

/** A finding as one line: its site (without the server), JSON path, detector and count. */
const toLine = (f: { site: { uri: string; jsonPath?: string }; detector: string; count: number }) =>
  `${f.site.uri.replace(/^redis:\/\/[^/]+\/\d+\//, '')}${f.site.jsonPath ?? ''} ${f.detector} ${f.count}`;

describe.skipIf(!ADMIN_URL && !process.env['CI'])('redis connector', () => {
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_REDIS_URL', 'redis');
    await withAdmin(async (admin) => {
      await admin.flushDb();
      for (let i = 0; i < 60; i++)
        await admin.set(
          `session:a1b2c3d4e5f6${String(i).padStart(8, '0')}`,
          JSON.stringify({ user: { email: `s${i}@example.com` }, theme: 'dark' }),
        );
      for (let i = 1; i <= 3; i++)
        await admin.hSet(`user:${1000 + i}:profile`, {
          email: `p${i}@example.com`,
          phone: '+1 202-555-0143',
          plan: 'pro',
        });
      await admin.rPush('queue:mail', ['send to list@example.com', 'nothing here']);
      await admin.sAdd('cards', '4111 1111 1111 1111');
      await admin.zAdd('leaderboard', { score: 1, value: 'zset@example.com' });
      await admin.xAdd('events', '*', { ssn: '536-22-1234', note: 'hi' });
      await admin.set('cart:alice@example.com', '3 items');
      await admin.set('public:motd', 'write to public@example.com');
    });
  }, 60_000);

  afterAll(async () => {
    if (ADMIN_URL) await withAdmin((admin) => admin.flushDb());
  });

  it('finds PII in strings, JSON strings, hashes, lists, sets, sorted sets, streams and key names, by key group', async () => {
    const { report, exitCode, stdout } = await scan([]);
    expect(exitCode).toBe(1);
    expect(report.findings.map(toLine).sort()).toEqual([
      'cards credit_card 1',
      'cart:* email 1',
      'events$.ssn us_ssn 1',
      'leaderboard email 1',
      'public:motd email 1',
      'queue:mail email 1',
      'session:*$.user.email email 60',
      'user:*:profile$.email email 3',
      'user:*:profile$.phone phone 3',
    ]);
    expect(report.findings.find((f) => f.site.uri.endsWith('session:*'))?.service).toBe('session');
    expect(report.coverage.objects).toEqual([
      expect.objectContaining({ objectsListed: 69, objectsScanned: 69, groups: 8, sampled: false }),
    ]);
    expect(stdout).not.toContain(PASSWORD);
    expect(stdout).not.toContain('alice@example.com');
  });

  it('reads a seeded sample of keys per group with --sample-keys, repeatably', async () => {
    const first = await scan(['--sample-keys', '5', '--seed', '7']);
    expect(first.report.coverage.objects[0]).toMatchObject({
      objectsListed: 69,
      objectsScanned: 14,
      sampled: true,
      sampleObjects: 5,
    });
    expect(first.report.findings.find((f) => f.site.uri.endsWith('session:*'))?.count).toBe(5);
    const again = await scan(['--sample-keys', '5', '--seed', '7']);
    expect(again.report.findings.map((f) => f.locations)).toEqual(first.report.findings.map((f) => f.locations));
  });

  it('reads only the keys --include names, and sends only read commands', async () => {
    await withAdmin(async (admin) => {
      await admin.configResetStat();
      const { report } = await scan(['--include', 'user:*:profile']);
      expect(report.findings.map(toLine).sort()).toEqual([
        'user:*:profile$.email email 3',
        'user:*:profile$.phone phone 3',
      ]);
      const stats = await admin.info('commandstats');
      const used = [...stats.matchAll(/^cmdstat_([a-z|]+):/gm)].map((m) => m[1]!).sort();
      // The admin's own INFO and CONFIG RESETSTAT aside, every command is a read.
      expect(used.filter((c) => !['info', 'config|resetstat'].includes(c))).toEqual(
        expect.arrayContaining(['dbsize', 'hscan', 'scan', 'type']),
      );
      for (const command of used)
        expect(command).toMatch(
          /^(?:info|config\|resetstat|client\|setinfo|hello|auth|select|dbsize|scan|type|get|hscan|lrange|sscan|zscan|xrange)$/,
        );
    });
  });

  it('says in one line what failed: password, unreachable, keys the ACL denies (reading the rest)', async () => {
    const wrong = await scan([], urlFor('default', 'wrong-password'));
    expect(wrong.exitCode).toBe(2);
    expect(wrong.report.errors.map((e) => e.message)).toEqual([
      "WRONGPASS invalid username-password pair or user is disabled: check the user and password in the URL (or the config source's passwordEnv)",
    ]);
    expect(wrong.stdout).not.toContain('wrong-password');
    const down = await scan([], 'redis://127.0.0.1:1/0');
    expect(down.report.errors.map((e) => e.message)).toEqual([
      'connection refused by 127.0.0.1:1: is the server running and listening there?',
    ]);
    const limited = await scan([], urlFor('limited'));
    expect(limited.exitCode).toBe(2);
    expect(limited.report.findings.map(toLine)).toEqual(['public:motd email 1']);
    expect(limited.report.errors).toEqual([
      {
        source: expect.stringMatching(/^redis:\/\/\*\*\*@127\.0\.0\.1:\d+\/3$/),
        message: expect.stringMatching(
          /^permission denied for 68 keys of cards, cart:\*, events, .*session:\*, user:\*:profile, not read: allow the scanning user/,
        ),
      },
    ]);
  });
});
