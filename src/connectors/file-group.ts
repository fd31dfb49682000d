/**
 * Log rotation groups and file sites. `app.log`, `app.log.1`, `app.1.log`, `app.log.2.gz`,
 * `app-2026-11-01.3.log.gz`, `app.log.2026-11-01` and `app-20261101.log` all belong to the group
 * `app.log*`; `f0001.log` … `f0999.log` to `f*.log*`. A group is one site, so rotating or
 * compressing logs never changes a finding's fingerprint. Kubernetes container logs group by
 * namespace and container (container-logs.ts).
 */
import path from 'node:path';
import { toContainerLog } from './container-logs.js';
import { groupFileName, toFolderGroup } from './object-group.js';

const COMPRESSION = /\.(?:gz|gzip)$/i;
/** A counter glued to a word (`f0001.log`, `node12.log`), which object groups keep (`v2`, `mp4`). */
const GLUED_COUNTER = /(?<=\p{L})\d+(?=[-_.]|$)/gu;
/** A varying part set off by a separator: rotation dates and counters, dropped from the group's name. */
const SEPARATE_PART = /(?!^)[-_.]\*/g;

/** How much larger gzipped logs and exports usually are once inflated (text compresses 3 to 10 times). */
const GZIP_RATIO = 4;

/**
 * The text a file or object of `size` bytes likely holds, which is what scanning it costs: a
 * gzipped one (by its name) counts several times its size.
 */
export function textBytes(name: string, size: number): number {
  return COMPRESSION.test(name) ? size * GZIP_RATIO : size;
}

/** A file name or key without its compression suffix (`.gz`): the name of what is inside. */
export function withoutCompression(name: string): string {
  return name.replace(COMPRESSION, '');
}

/**
 * The group name of a file's base name, always ending in `*`: dates, ids and numbers (as object
 * groups find them) are dropped with their separator, so the live file and its rotations agree.
 */
export function toGroupName(baseName: string): string {
  const name = groupFileName(withoutCompression(baseName)).replace(GLUED_COUNTER, '*').replace(SEPARATE_PART, '');
  return name.endsWith('*') ? name : `${name}*`;
}

/** A path as shown: relative to `base` when inside it, else absolute; forward slashes. */
export function toShownPath(filePath: string, base: string): string {
  const absolute = path.resolve(base, filePath);
  const relative = path.relative(base, absolute);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return (inside ? relative : absolute).split(path.sep).join('/');
}

/** The `file://` URI of a path: `file://` and the path as shown from `base`. */
export function toFileUri(filePath: string, base: string): string {
  return `file://${toShownPath(filePath, base)}`;
}

/** Where a file's findings go: its location URI, its site (group) URI and the service its folders name. */
export interface FileSite {
  uri: string;
  siteUri: string;
  /** The nearest folder that is not a date, number, id or partition; a container log's container. */
  service: string;
}

/**
 * The site of a file, from its path relative to `root` (absolute outside it), whatever the scan's
 * target: dated or numbered folders group as object keys' do (`logs/2026-11-01/app.log` →
 * `logs/*\/app.log*`).
 */
export function toFileSite(filePath: string, root: string): FileSite {
  const uri = toFileUri(filePath, root);
  const segments = uri.slice('file://'.length).split('/');
  segments[segments.length - 1] = withoutCompression(segments[segments.length - 1]!);
  const container = toContainerLog(segments);
  const folders = container?.folders ?? segments.slice(0, -1);
  const group = container?.group ?? toGroupName(segments[segments.length - 1]!);
  const service =
    container?.container ??
    [path.basename(root), ...folders].reverse().find((f) => f !== '' && toFolderGroup(f) === f) ??
    '';
  return { uri, siteUri: `file://${[...folders.map(toFolderGroup), group].join('/')}`, service };
}
