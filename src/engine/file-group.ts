/**
 * Log rotation groups: `app.log`, `app.log.1`, `app.log.2.gz`, `app-2026-11-01.log.gz` and
 * `app.log-20261101` all belong to the group `app.log*`. A group is one site, so rotating or
 * compressing logs never changes a finding's fingerprint.
 */
import path from 'node:path';

const COMPRESSION = /\.(?:gz|gzip)$/i;
const NUMERIC_SUFFIX = /(?:\.\d+)+$/;
const DATE = /[-_.]?\d{4}-?\d{2}-?\d{2}(?:[T_-]?\d{2}(?:[:-]?\d{2}){0,2})?/g;
const COUNTER_BEFORE_EXTENSION = /[-_]\d+(?=\.[A-Za-z]+$)/;

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

/** The group name of a file's base name, always ending in `*`. */
export function toGroupName(baseName: string): string {
  const name = withoutCompression(baseName)
    .replace(NUMERIC_SUFFIX, '')
    .replace(DATE, '')
    .replace(NUMERIC_SUFFIX, '')
    .replace(COUNTER_BEFORE_EXTENSION, '');
  return `${name === '' ? baseName : name}*`;
}

/** A path as shown: relative to the working folder when inside it, else absolute; forward slashes. */
export function toShownPath(filePath: string, cwd: string): string {
  const absolute = path.resolve(cwd, filePath);
  const relative = path.relative(cwd, absolute);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return (inside ? relative : absolute).split(path.sep).join('/');
}

/** The `file://` URI of a path: `file://` and the path as shown. */
export function toFileUri(filePath: string, cwd: string): string {
  return `file://${toShownPath(filePath, cwd)}`;
}

/** The site URI of a file: its folder's URI plus its group name. */
export function toGroupUri(fileUri: string): string {
  const slash = fileUri.lastIndexOf('/');
  return fileUri.slice(0, slash + 1) + toGroupName(fileUri.slice(slash + 1));
}
