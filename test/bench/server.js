// A test server for a benchmark: the one the environment names, or a throwaway one started with
// test/servers/<script> (and stopped by the returned stop()).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * `useServer('postgres.sh', 'PIISCAN_TEST_PG_URL', 'PIISCAN_TEST_PG_DIR')` → { address, stop, get }:
 * `get(name)` is another variable the script exports (a second port), from the environment or the start.
 */
export function useServer(script, addressVar, dirVar) {
  if (process.env[addressVar])
    return { address: process.env[addressVar], stop: () => undefined, get: (name) => process.env[name] };
  const env = execFileSync('bash', [path.join(root, 'test/servers', script), 'start'], { encoding: 'utf8' });
  const get = (name) => new RegExp(`${name}=(\\S+)`).exec(env)?.[1];
  const dir = get(dirVar);
  return {
    address: get(addressVar),
    stop: () => execFileSync('bash', [path.join(root, 'test/servers', script), 'stop', dir]),
    get,
  };
}
