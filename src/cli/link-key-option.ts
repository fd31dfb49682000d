/** `--link-key-env NAME`: the link key of a sharded scan (runner/shard/link-key.ts), from the environment. */
import { UserError } from '../errors/user-error.js';
import { MIN_LINK_KEY_LENGTH, toLinkKey, type LinkKey } from '../runner/shard/link-key.js';
import type { RunIO } from './main.js';

/** The key the variable holds; a usage error when it is unset or too short to stay secret. */
export function resolveLinkKey(variable: string, env: RunIO['env']): LinkKey {
  const secret = env[variable] ?? '';
  if (secret === '') throw new UserError(`--link-key-env ${variable}: the environment variable ${variable} is not set`);
  if (secret.length < MIN_LINK_KEY_LENGTH)
    throw new UserError(
      `--link-key-env ${variable}: the key is shorter than ${MIN_LINK_KEY_LENGTH} characters (openssl rand -hex 32 makes one)`,
    );
  return toLinkKey(secret);
}
