/**
 * Expands file and folder targets into the files to scan, in a stable order. Folders are walked
 * recursively; symlinks are followed unless they lead back into a folder already walked or into a
 * pseudo file system (/proc, /sys, /dev); what is not scanned is listed as skipped with its reason,
 * and what cannot be read as an error.
 */
import type { Dirent } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import type { RecordOrigin, Skipped } from '../records.js';
import type { SourceError } from '../../errors/source-error.js';
import { textBytes, toFileSite, toFileUri, toShownPath } from '../file-group.js';
import { describeFsError } from '../../errors/fs-errors.js';

export interface FileListing {
  /** Each file with the text it likely holds, in bytes (gzipped files count inflated: textBytes). */
  files: Array<{ origin: RecordOrigin; textBytes: number }>;
  skipped: Skipped[];
  errors: SourceError[];
}

export interface ListOptions {
  cwd: string;
  /** The folder URIs are relative to (the config file's); default: each target's repository, else `cwd`. */
  root?: string;
  /** Globs over location URIs (`file://logs/**\/*.tmp`) to leave out. */
  exclude: readonly string[];
}

/** All paths here are absolute. Locations are shown from `cwd`; URIs and services come from the root alone. */
function toOrigin(filePath: string, target: Target, cwd: string, modified: Date): RecordOrigin {
  const { uri, siteUri, service } = toFileSite(filePath, target.root);
  return {
    siteKind: 'file',
    path: toShownPath(filePath, cwd),
    source: filePath,
    uri,
    siteUri,
    defaultService: service,
    target: target.given,
    modifiedAt: modified.toISOString(),
  };
}

/** A target as given, resolved, with the root its URIs are relative to. */
interface Target {
  given: string;
  absolute: string;
  root: string;
}

/** The nearest folder at or above `folder` that holds `.git` (a folder, or a worktree's file). */
async function findRepository(folder: string): Promise<string | undefined> {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (
      await lstat(path.join(dir, '.git')).then(
        () => true,
        () => false,
      )
    )
      return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The folder a target's file URIs are relative to: the config file's folder when there is one,
 * else the repository holding the target, else the working folder.
 */
export async function findFileRoot(absolute: string, options: { cwd: string; root?: string }): Promise<string> {
  if (options.root !== undefined) return options.root;
  const isFile = await stat(absolute).then(
    (s) => s.isFile(),
    () => false,
  );
  return (await findRepository(isFile ? path.dirname(absolute) : absolute)) ?? options.cwd;
}

/** Kernel and device file systems: reading them blocks (/dev/zero, /proc/kmsg), never ends, or means nothing. */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/** The pseudo file system a path lies in, if any. */
function pseudoRoot(absolute: string): string | undefined {
  return PSEUDO_ROOTS.find((root) => absolute === root || absolute.startsWith(`${root}/`));
}

export async function listFiles(targets: readonly string[], options: ListOptions): Promise<FileListing> {
  const listing: FileListing = { files: [], skipped: [], errors: [] };
  const excluded = options.exclude.length > 0 ? picomatch(options.exclude as string[], { dot: true }) : () => false;
  const visited = new Set<string>();

  /** Where a symlink or folder really is, or undefined (listed as skipped or an error) when it is not walked. */
  async function resolve(entry: string, shown: string, target: Target): Promise<string | undefined> {
    let real: string;
    try {
      real = await realpath(entry);
    } catch (error) {
      return void listing.errors.push({ source: shown, message: describeFsError(error) });
    }
    // A walk never leads into /proc, /sys or /dev (a symlink, or `/` as the target); naming one as the target reads it.
    const root = pseudoRoot(real);
    if (root !== undefined && pseudoRoot(target.absolute) === undefined)
      return void listing.skipped.push({ path: shown, reason: `pseudo file system (${root})` });
    return real;
  }

  async function visit(entry: string, target: Target, isLink: boolean): Promise<void> {
    const shown = toShownPath(entry, options.cwd);
    let info;
    try {
      info = await stat(entry);
    } catch (error) {
      const link = await lstat(entry).catch(() => undefined);
      if (link?.isSymbolicLink())
        listing.skipped.push({
          path: shown,
          reason: (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'symlink loop' : 'broken symlink',
        });
      else listing.errors.push({ source: shown, message: describeFsError(error) });
      return;
    }
    if (excluded(toFileUri(entry, target.root)))
      return void listing.skipped.push({ path: shown, reason: 'excluded by config' });
    const real = isLink || info.isDirectory() ? await resolve(entry, shown, target) : entry;
    if (real === undefined) return;
    if (info.isFile()) {
      return void listing.files.push({
        origin: toOrigin(entry, target, options.cwd, info.mtime),
        textBytes: textBytes(entry, info.size),
      });
    }
    if (!info.isDirectory()) return void listing.skipped.push({ path: shown, reason: 'not a regular file' });
    if (visited.has(real))
      return void listing.skipped.push({ path: shown, reason: 'symlink loop: folder already scanned' });
    visited.add(real);
    let names: Dirent[];
    try {
      names = (await readdir(entry, { withFileTypes: true })).sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      );
    } catch (error) {
      return void listing.errors.push({ source: shown, message: describeFsError(error) });
    }
    if (names.length === 0) return void listing.skipped.push({ path: shown, reason: 'empty folder' });
    for (const name of names) await visit(path.join(entry, name.name), target, name.isSymbolicLink());
  }

  for (const given of targets) {
    const absolute = path.resolve(options.cwd, given);
    await visit(absolute, { given, absolute, root: await findFileRoot(absolute, options) }, true);
  }
  return listing;
}
