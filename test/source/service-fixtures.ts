// The six fixture services (fixtures/services/code) and their logs (fixtures/services/logs),
// scanned through the in-process CLI with each service's code as its source.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/main.js';
import { ROOT, parseReport } from '../helpers.js';

export const SERVICES = ['accounts', 'billing', 'checkout', 'orders', 'shipping', 'store'];
export const CODE = 'fixtures/services/code';

/** Scans the fixture logs with the services' code as sources (a fresh cache); `args` come after. */
export async function scanServices(args: string[] = [], services = SERVICES, cache = freshCache()) {
  const sources = services.flatMap((s) => ['--source', `${s}=${CODE}/${s}`]);
  const result = await run(['scan', 'fixtures/services/logs', ...sources, ...args], {
    cwd: ROOT,
    env: { PIISCAN_CACHE_DIR: cache },
  });
  return { result, cache };
}

/** The same scan as a parsed JSON report. */
export async function scanServicesReport(services = SERVICES) {
  const { result } = await scanServices(['--format', 'json'], services);
  return parseReport(result.stdout);
}

export function freshCache(): string {
  return mkdtempSync(path.join(tmpdir(), 'piiscan-cache-'));
}
