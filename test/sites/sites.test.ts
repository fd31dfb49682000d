// Leak sites: templates, rotation groups and fingerprints stay the same across values, rotations
// and line order.
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toFileSite, toGroupName } from '../../src/connectors/file-group.js';
import { toTextTemplate } from '../../src/engine/template.js';
import { makeTree, parseReport, runCli } from '../helpers.js';

describe('rotation groups', () => {
  it.each([
    ['app.log', 'app.log*'],
    ['app.log.1', 'app.log*'],
    ['app.log.2.gz', 'app.log*'],
    ['app-2026-11-01.log.gz', 'app.log*'],
    ['app.log-20261101', 'app.log*'],
    ['app.2026-11-01T10-00-00.log', 'app.log*'],
    ['access-3.log', 'access.log*'],
    ['orders.jsonl', 'orders.jsonl*'],
    // logback / log4j2 `name-%d{yyyy-MM-dd}.%i.log.gz`, with and without the counter
    ['orders-2026-11-01.0.log.gz', 'orders.log*'],
    ['orders-2026-11-01.17.log', 'orders.log*'],
    ['orders.2026-11-01-14.log', 'orders.log*'],
    ['name.log.2026-11-01', 'name.log*'],
    ['name-20261101.log', 'name.log*'],
    ['name.1.log', 'name.log*'],
    ['name.log.1.gz', 'name.log*'],
    ['catalina.out.3', 'catalina.out*'],
    ['error_log-20261101-120000', 'error_log*'],
    ['worker-7f3a9c1e2b.log', 'worker.log*'],
    ['f0001.log', 'f*.log*'],
    ['f0999.log', 'f*.log*'],
    ['0.log', '*.log*'],
    ['0.log.20261101-120000.gz', '*.log*'],
  ])('%s belongs to %s', (name, group) => expect(toGroupName(name)).toBe(group));

  it('keeps the folder in the site URI, dated folders grouped', () => {
    expect(toFileSite('/work/logs/orders/app.log.3.gz', '/work')).toEqual({
      uri: 'file://logs/orders/app.log.3.gz',
      siteUri: 'file://logs/orders/app.log*',
      service: 'orders',
    });
    expect(toFileSite('/work/logs/orders/2026-11-01/app.1.log', '/work')).toMatchObject({
      siteUri: 'file://logs/orders/*/app.log*',
      service: 'orders',
    });
    expect(toFileSite('/var/log/app.log', '/work')).toEqual({
      uri: 'file:///var/log/app.log',
      siteUri: 'file:///var/log/app.log*',
      service: 'log',
    });
    expect(toFileSite('/work/app.log', '/work')).toMatchObject({ siteUri: 'file://app.log*', service: 'work' });
  });

  it('groups Kubernetes container logs by namespace and container, never by pod', () => {
    const id = (n: number) => n.toString(16).repeat(64).slice(0, 64);
    const links = ['orders-api-7d9f8c6b5-x2k4p', 'orders-api-5c8d7f9b4-q7w2z'].map((pod, i) =>
      toFileSite(`/var/log/containers/${pod}_shop_orders-api-${id(i + 10)}.log`, '/work'),
    );
    expect(links.map((s) => s.siteUri)).toEqual(Array(2).fill('file:///var/log/containers/*_shop_orders-api-*.log'));
    expect(links.map((s) => s.service)).toEqual(['orders-api', 'orders-api']);
    const pods = [
      '/var/log/pods/shop_orders-api-7d9f8c6b5-x2k4p_0f8e2c4a-1b3d-4e5f-8a9b-0c1d2e3f4a5b/orders-api/0.log',
      '/var/log/pods/shop_orders-api-5c8d7f9b4-q7w2z_9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d/orders-api/3.log.20261101-120000.gz',
    ].map((p) => toFileSite(p, '/work'));
    expect(pods.map((s) => s.siteUri)).toEqual(Array(2).fill('file:///var/log/pods/shop_*/orders-api/*.log*'));
    expect(pods.map((s) => s.service)).toEqual(['orders-api', 'orders-api']);
    expect(toFileSite('/var/log/containers/web_staging_orders-api-' + id(12) + '.log', '/work').siteUri).toBe(
      'file:///var/log/containers/*_staging_orders-api-*.log',
    );
  });
});

describe('templates', () => {
  const template = (line: string, value: string, label: string) => {
    const start = line.indexOf(value);
    return toTextTemplate(line, [{ start, end: start + value.length, label }]);
  };

  it('gives lines of one statement the same template whatever their values', () => {
    const a = template(
      '2026-11-01T10:00:00.123Z INFO order 1234 created for jane@example.com trace=4bf92f3577b34da6 took 15ms',
      'jane@example.com',
      'email',
    );
    const b = template(
      '2026-11-02T23:59:59.999Z INFO order 98765 created for li.wei@example.org trace=a3ce929d0e0e4736 took 3ms',
      'li.wei@example.org',
      'email',
    );
    expect(a).toBe(b);
    expect(a).toBe('<ts> INFO order <num> created for <email> trace=<v> took <num>ms');
  });

  it('replaces quoted values, UUIDs and ids but keeps quoted text that holds a detected value', () => {
    expect(toTextTemplate('user 8c3f1a2e-4b5d-4c6e-9f70-1a2b3c4d5e6f said "hello there" ref=AB12CD34EF', [])).toBe(
      'user <uuid> said "<str>" ref=<v>',
    );
    expect(template('GET "/u?email=a@example.com" 200', 'a@example.com', 'email')).toBe('GET "/u?email=<email>" <num>');
  });
});

describe('fingerprints', () => {
  const line = (email: string, n: number) => `2026-11-0${n}T10:00:00Z INFO signup ${1000 + n} for ${email}\n`;

  async function fingerprints(dir: string): Promise<string[]> {
    const result = await runCli(['scan', 'logs', '--format', 'json'], dir);
    return parseReport(result.stdout)
      .findings.map((f) => f.fingerprint)
      .sort();
  }

  it('are stable across rotation, compression, line order and changed values', async () => {
    const first = makeTree({ 'logs/web/app.log': line('ann@example.com', 1) + line('bob@example.com', 2) });
    const rotated = makeTree({
      'logs/web/app.log': line('zoe@example.com', 3),
      'logs/web/app.log.1': line('bob@example.com', 2),
    });
    writeFileSync(path.join(rotated, 'logs/web/app-2026-11-01.log.gz'), gzipSync(line('ann@example.com', 1)));
    const reordered = makeTree({ 'logs/web/app.log': line('bob@example.com', 2) + line('ann@example.com', 1) });
    const expected = await fingerprints(first);
    expect(expected).toHaveLength(1);
    expect(await fingerprints(rotated)).toEqual(expected);
    expect(await fingerprints(reordered)).toEqual(expected);
  });

  it('change with the service, the statement and the detector', async () => {
    const dir = makeTree({ 'logs/web/app.log': line('ann@example.com', 1) });
    const base = await fingerprints(dir);
    mkdirSync(path.join(dir, 'logs/api'));
    writeFileSync(path.join(dir, 'logs/api/app.log'), line('ann@example.com', 1));
    writeFileSync(
      path.join(dir, 'logs/web/app.log'),
      line('ann@example.com', 1) + '2026-11-01T10:00:00Z INFO login for ann@example.com\n',
    );
    const more = await fingerprints(dir);
    expect(more).toHaveLength(3);
    expect(more).toEqual(expect.arrayContaining(base));
  });

  it('hold no value', async () => {
    const dir = makeTree({ 'logs/web/app.log': line('ann@example.com', 1) });
    const report = parseReport((await runCli(['scan', 'logs', '--format', 'json'], dir)).stdout);
    expect(report.findings[0]!.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(report)).not.toContain('ann@example.com');
  });
});
