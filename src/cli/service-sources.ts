/** Which folder holds each service's code: `--source service=folder` over `services[].source`. */
import path from 'node:path';
import type { Config } from '../config/schema.js';
import type { ServiceSource } from '../source/attach.js';

/**
 * Absolute folders by service. A config's folders are relative to the config file, the
 * command line's to the working folder.
 */
export function toServiceSources(
  config: Config,
  configFile: string | undefined,
  given: Record<string, string> | undefined,
  cwd: string,
): ServiceSource[] {
  const configRoot = configFile === undefined ? cwd : path.dirname(path.resolve(cwd, configFile));
  const roots = new Map<string, string>();
  for (const s of config.services) if (s.source) roots.set(s.service, path.resolve(configRoot, s.source));
  for (const [service, folder] of Object.entries(given ?? {})) roots.set(service, path.resolve(cwd, folder));
  return [...roots].map(([service, root]) => ({ service, root }));
}
