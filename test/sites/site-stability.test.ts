// Sites stay stable on real estates: a routine rollover or a rollout never makes a baselined
// finding new, and how a scan is started (target, working folder) never changes a fingerprint.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, parseReport, runCli } from '../helpers.js';

const emails = ['ann@example.com', 'bob@example.org', 'li.wei@example.net', 'zoe@example.com'];
const logback = (day: number, i: number) =>
  `2026-11-${String(day).padStart(2, '0')} 10:0${i}:00.123 INFO [http-nio-8080-exec-${i + 1}] c.e.orders.OrderService - order ${4000 + i} created for ${emails[i % 4]} in ${i * 7 + 3}ms\n` +
  `2026-11-${String(day).padStart(2, '0')} 10:0${i}:01.456 WARN [scheduler-${i}] c.e.orders.Retry - sms to +44 7700 900${String(100 + i).padStart(3, '0')} failed, attempt ${i + 1}\n`;

async function gate(dir: string, targets: string[]) {
  const result = await runCli(['scan', ...targets, '--baseline', '.piiscan-baseline.json', '--format', 'json'], dir);
  return { exitCode: result.exitCode, report: parseReport(result.stdout) };
}

describe('a baselined finding never becomes new', () => {
  it('after a logback rollover (dated, counted, gzipped archives)', async () => {
    const dir = makeTree({ 'logs/orders/orders.log': logback(1, 0) + logback(1, 1) });
    expect((await runCli(['baseline', 'logs'], dir)).exitCode).toBe(0);
    // The live file rolls over into orders-%d{yyyy-MM-dd}.%i.log.gz and a new live file starts.
    const archive = path.join(dir, 'logs/orders/orders-2026-11-01.0.log.gz');
    writeFileSync(archive, gzipSync(logback(1, 0) + logback(1, 1)));
    writeFileSync(path.join(dir, 'logs/orders/orders-2026-11-01.1.log.gz'), gzipSync(logback(1, 2)));
    writeFileSync(path.join(dir, 'logs/orders/orders.log.2026-11-02'), logback(2, 3));
    writeFileSync(path.join(dir, 'logs/orders/orders-20261103.log'), logback(3, 1));
    writeFileSync(path.join(dir, 'logs/orders/orders.1.log'), logback(3, 2));
    writeFileSync(path.join(dir, 'logs/orders/orders.log'), logback(4, 3));
    const { exitCode, report } = await gate(dir, ['logs']);
    expect(report.coverage.files).toBe(6);
    expect(report.findings.filter((f) => f.new)).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('after a Kubernetes rollout (new pods, container ids, restarts and kubelet rotations)', async () => {
    const hex = (seed: number) => seed.toString(16).padStart(2, '0').repeat(32);
    const uid = (seed: number) => `${hex(seed).slice(0, 8)}-1b3d-4e5f-8a9b-${hex(seed).slice(0, 12)}`;
    const pod = (name: string, seed: number) => ({
      [`var/log/containers/${name}_shop_orders-api-${hex(seed)}.log`]: logback(1, seed % 4),
      [`var/log/containers/${name}_shop_istio-proxy-${hex(seed + 1)}.log`]: `[2026-11-01T10:00:00.000Z] "GET /orders?email=${emails[seed % 4]} HTTP/1.1" 200\n`,
      [`var/log/pods/shop_${name}_${uid(seed)}/orders-api/0.log`]: logback(1, (seed + 1) % 4),
    });
    const dir = makeTree({ ...pod('orders-api-7d9f8c6b5-x2k4p', 16), ...pod('orders-api-7d9f8c6b5-m4n8q', 32) });
    expect((await runCli(['baseline', 'var/log'], dir)).exitCode).toBe(0);
    rmSync(path.join(dir, 'var/log'), { recursive: true });
    const rolledOut = {
      ...pod('orders-api-5c8d7f9b4-q7w2z', 48),
      ...pod('orders-api-5c8d7f9b4-h3j9k', 64),
      ...pod('orders-api-5c8d7f9b4-p0l5v', 80),
    };
    for (const [file, text] of Object.entries(rolledOut)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const podFolder = `var/log/pods/shop_orders-api-5c8d7f9b4-q7w2z_${uid(48)}/orders-api`;
    renameSync(path.join(dir, podFolder, '0.log'), path.join(dir, podFolder, '0.log.20261101-120000'));
    writeFileSync(path.join(dir, podFolder, '1.log'), logback(2, 2));
    const { exitCode, report } = await gate(dir, ['var/log']);
    expect(report.findings.filter((f) => f.new)).toEqual([]);
    expect(new Set(report.findings.map((f) => f.service))).toEqual(new Set(['orders-api', 'istio-proxy']));
    expect(exitCode).toBe(0);
  });
});

describe('a fingerprint does not depend on how the scan was started', () => {
  const tree = () =>
    makeTree({
      'piiscan.yaml': 'minConfidence: 0.5\n',
      'logs/orders/orders.log': logback(1, 0) + logback(1, 1),
      'logs/orders/2026-11/orders-2026-11-01.0.log': logback(1, 2),
      'logs/web/access.log':
        '127.0.0.1 - - [01/Nov/2026:10:00:00 +0000] "GET /signup?email=ann@example.com HTTP/1.1" 200 512\n',
    });

  async function identities(dir: string, cwd: string, targets: string[], config: string[]) {
    const result = await runCli(['scan', ...targets, ...config, '--format', 'json'], path.join(dir, cwd));
    return parseReport(result.stdout)
      .findings.map((f) => `${f.fingerprint} ${f.service} ${f.site.uri}`)
      .sort();
  }

  it('scanning a folder, a subfolder or one staged file, from any working folder, with the config found or given', async () => {
    const dir = tree();
    const orders = (ids: string[]) => ids.filter((id) => id.includes(' orders '));
    const all = await identities(dir, '.', ['logs'], []);
    expect(all).toHaveLength(orders(all).length + 1);
    expect(orders(all).length).toBeGreaterThan(1);
    expect(
      orders(all).every(
        (id) => id.endsWith(' file://logs/orders/orders.log*') || id.endsWith(' file://logs/orders/*/orders.log*'),
      ),
    ).toBe(true);
    const cases: Array<[string, string[], string[]]> = [
      ['.', ['logs/orders'], []],
      ['.', ['logs/orders/orders.log', 'logs/orders/2026-11/orders-2026-11-01.0.log'], []],
      ['logs', ['orders/'], ['-c', '../piiscan.yaml']],
      ['logs/orders', ['.'], ['-c', '../../piiscan.yaml']],
      ['logs/orders/2026-11', ['orders-2026-11-01.0.log', '../orders.log'], ['-c', path.join(dir, 'piiscan.yaml')]],
    ];
    for (const [cwd, targets, config] of cases)
      expect(await identities(dir, cwd, targets, config)).toEqual(orders(all));
  });

  it('without a config, inside a repository: URIs are relative to the folder holding .git', async () => {
    const dir = tree();
    rmSync(path.join(dir, 'piiscan.yaml'));
    mkdirSync(path.join(dir, '.git'));
    const all = await identities(dir, '.', ['logs'], []);
    expect(await identities(dir, 'logs/orders', ['orders.log', '2026-11'], [])).toEqual(
      all.filter((id) => id.includes(' orders ')),
    );
    expect(await identities(dir, 'logs/web', ['.'], [])).toEqual(all.filter((id) => id.includes(' web ')));
  });
});
