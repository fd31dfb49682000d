/**
 * Which sites a scan's targets cover, so `baseline --prune` of some targets removes only stale
 * entries of sites under them. It reads site URIs the way the connectors write them: files as
 * `file://` and the path relative to the target's root (see findFileRoot), columns as
 * `kind://host:port/database/…`, objects as `s3://bucket/` and the key's group.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Site } from '../types.js';
import { isDatabaseUrl, toDatabaseTarget } from '../connectors/db-target.js';
import { findFileRoot } from '../connectors/files.js';
import { isS3Url, toS3Target } from '../connectors/s3-target.js';
import { toGroupName } from '../engine/file-group.js';
import { toObjectGroup } from '../engine/object-group.js';

/** The working folder, and the config file's folder when a config was read (see findFileRoot). */
export interface RootOptions {
  cwd: string;
  root?: string;
}

/** Whether a site lies under the targets. */
export type TargetScope = (site: Site) => boolean;

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

/** A folder covers the sites in and under it; a file its group, when no other file of the group is left out. */
async function fileScope(target: string, targets: ReadonlySet<string>, options: RootOptions): Promise<TargetScope> {
  const absolute = path.resolve(options.cwd, target);
  const info = await stat(absolute).catch(() => undefined);
  if (info === undefined) return () => false;
  const root = await findFileRoot(absolute, options);
  if (info.isDirectory()) return (site) => site.kind === 'file' && isUnder(toFileSite(site.uri, root)?.folder ?? '', absolute);
  const folder = path.dirname(absolute);
  const group = toGroupName(path.basename(absolute));
  const siblings = (await readdir(folder).catch(() => [])).filter((name) => toGroupName(name) === group);
  if (siblings.some((name) => !targets.has(path.join(folder, name)))) return () => false;
  return (site) => {
    const at = site.kind === 'file' ? toFileSite(site.uri, root) : undefined;
    return at !== undefined && at.folder === folder && at.group === group;
  };
}

/**
 * A bucket prefix covers the groups of the keys under it; a partial last segment with digits in it
 * covers none (its group is unknown).
 */
function objectScope(target: string): TargetScope {
  const { bucket, prefix } = toS3Target(target);
  const slash = prefix.lastIndexOf('/');
  const folders = slash === -1 ? '' : toObjectGroup(`${prefix.slice(0, slash + 1)}x`).slice(0, -1);
  const partial = prefix.slice(slash + 1);
  if (/\d/.test(partial)) return () => false;
  const start = `s3://${bucket}/${folders}${partial}`;
  return (site) => site.kind === 'object' && site.uri.startsWith(start);
}

function databaseScope(target: string): TargetScope {
  const { kind, authority, database } = toDatabaseTarget(target);
  const start = `${kind}://${authority}/${database === '' ? '' : `${database}/`}`;
  return (site) => site.kind === 'column' && site.uri.startsWith(start);
}

/** The scope of targets as a report lists them (database URLs without passwords). */
export async function createTargetScope(targets: readonly string[], options: RootOptions): Promise<TargetScope> {
  const files = new Set(targets.filter((t) => !isDatabaseUrl(t) && !isS3Url(t)).map((t) => path.resolve(options.cwd, t)));
  const scopes = await Promise.all(
    targets.map(async (t) => (isDatabaseUrl(t) ? databaseScope(t) : isS3Url(t) ? objectScope(t) : fileScope(t, files, options))),
  );
  return (site) => scopes.some((inScope) => inScope(site));
}
