/**
 * Which file sites a file or folder target covers: a folder the sites in and under it; a file its
 * group, when no other file of the group is left out. Site URIs are `file://` and the path
 * relative to the target's root (see findFileRoot), the group's name last.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SiteScope } from '../contract.js';
import { findFileRoot } from './list.js';
import { toGroupName } from '../file-group.js';

/** The absolute folder and group name of a file site URI (`file://logs/web/app.log*#col`). */
function toFileSite(uri: string, root: string): { folder: string; group: string } | undefined {
  if (!uri.startsWith('file://')) return undefined;
  const file = path.resolve(root, uri.slice('file://'.length).replace(/#[^/]*$/, ''));
  return { folder: path.dirname(file), group: path.basename(file) };
}

function isUnder(folder: string, parent: string): boolean {
  const relative = path.relative(parent, folder);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export async function fileScope(
  target: string,
  targets: readonly string[],
  options: { cwd: string; root?: string },
): Promise<SiteScope> {
  const absolute = path.resolve(options.cwd, target);
  const info = await stat(absolute).catch(() => undefined);
  if (info === undefined) return () => false;
  const root = await findFileRoot(absolute, options);
  if (info.isDirectory())
    return (site) => site.kind === 'file' && isUnder(toFileSite(site.uri, root)?.folder ?? '', absolute);
  const given = new Set(targets.map((t) => path.resolve(options.cwd, t)));
  const folder = path.dirname(absolute);
  const group = toGroupName(path.basename(absolute));
  const siblings = (await readdir(folder).catch(() => [])).filter((name) => toGroupName(name) === group);
  if (siblings.some((name) => !given.has(path.join(folder, name)))) return () => false;
  return (site) => {
    const at = site.kind === 'file' ? toFileSite(site.uri, root) : undefined;
    return at !== undefined && at.folder === folder && at.group === group;
  };
}
