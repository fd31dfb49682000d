/**
 * Which sites a scan's targets cover, so `baseline --prune` of some targets removes only stale
 * entries of sites under them. Each target's connector reads site URIs the way it writes them.
 */
import type { Site } from '../sites/finding.js';
import { connectorFor } from '../connectors/registry.js';

/** The working folder, and the config file's folder when a config was read (see findFileRoot). */
export interface RootOptions {
  cwd: string;
  root?: string;
}

/** Whether a site lies under the targets. */
export type TargetScope = (site: Site) => boolean;

/** The scope of targets as a report lists them (database URLs without passwords). */
export async function createTargetScope(targets: readonly string[], options: RootOptions): Promise<TargetScope> {
  const scopes = await Promise.all(
    targets.map(async (t) => (await connectorFor(t).scope?.(t, targets, options)) ?? (() => false)),
  );
  return (site) => scopes.some((inScope) => inScope(site));
}
