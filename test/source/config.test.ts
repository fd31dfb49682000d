// `services[].source` in piiscan.yaml: relative to the config file; a missing folder is a one-line
// error, exit 2.
import { cpSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { ROOT, makeTree, parseReport } from '../helpers.js';
import { CODE, freshCache } from './service-fixtures.js';

function scan(cwd: string, args: string[]) {
  return run(['scan', ...args], { cwd, env: { PIISCAN_CACHE_DIR: freshCache() } });
}

describe('services[].source', () => {
  it('is read relative to the config file', async () => {
    const dir = makeTree({
      'ops/piiscan.yaml': 'services:\n  - service: store\n    match: "file://**"\n    source: ../code/store\n',
    });
    cpSync(path.join(ROOT, CODE, 'store'), path.join(dir, 'code', 'store'), { recursive: true });
    cpSync(path.join(ROOT, 'fixtures/services/logs/store'), path.join(dir, 'logs', 'store'), { recursive: true });
    const result = await scan(dir, ['logs', '--config', 'ops/piiscan.yaml', '--format', 'json']);
    const report = parseReport(result.stdout);
    expect(report.findings.map((f) => f.source && `${f.source.path}:${f.source.line}`).sort()).toEqual([
      'app/controllers/customers_controller.rb:4',
      'app/controllers/customers_controller.rb:9',
      null,
    ]);
  });

  it('a folder that is not there is one line, exit 2', async () => {
    const dir = makeTree({ 'logs/store/app.log': 'INFO signup for ann@example.com\n' });
    const result = await scan(dir, ['logs', '--source', 'store=../nowhere']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('source of service store:');
    expect(result.stderr).toContain('is not a folder');
  });
});
