// A test server for a benchmark: the one the environment names, or a throwaway one started with
// test/servers/<script> (and stopped by the returned stop()).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `useServer('postgres.sh', 'PIISCAN_TEST_PG_URL', 'PIISCAN_TEST_PG_DIR')` → { address, stop }. */
export function useServer(script, addressVar, dirVar) {
  if (process.env[addressVar]) return { address: process.env[addressVar], stop: () => undefined };
  const env = execFileSync('bash', [path.join(root, 'test/servers', script), 'start'], { encoding: 'utf8' });
  const address = new RegExp(`${addressVar}=(\\S+)`).exec(env)[1];
  const dir = new RegExp(`${dirVar}=(\\S+)`).exec(env)[1];
  return { address, stop: () => execFileSync('bash', [path.join(root, 'test/servers', script), 'stop', dir]) };
}
