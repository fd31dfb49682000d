/** Which object sites a store target covers, read from site URIs (`s3://bucket/group`, `az://account/container/group`). */
import type { SiteScope } from '../contract.js';
import { toObjectGroup } from '../object-group.js';

/**
 * A prefix of a container covers the groups of the keys under it; a partial last segment with
 * digits in it covers none (its group is unknown). `root` is the container's URI.
 */
export function toPrefixScope(root: string, prefix: string): SiteScope {
  const slash = prefix.lastIndexOf('/');
  const folders = slash === -1 ? '' : toObjectGroup(`${prefix.slice(0, slash + 1)}x`).slice(0, -1);
  const partial = prefix.slice(slash + 1);
  if (/\d/.test(partial)) return () => false;
  const start = `${root}/${folders}${partial}`;
  return (site) => site.kind === 'object' && site.uri.startsWith(start);
}
