/**
 * The statement cache: a file's statements keyed by a hash of its grammar and content, so an
 * unchanged file is never parsed twice. Lives in `$PIISCAN_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/piiscan`, else `~/.cache/piiscan`, under `source-index/`. A cache that cannot
 * be read or written only costs time: the file is parsed.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LogStatement } from './statement.js';

/** Bumped when extraction changes, so stale entries are never read. */
const INDEX_VERSION = 'v4';

/** The cache folder for an environment. */
export function cacheFolder(env: Record<string, string | undefined>): string {
  const base =
    env['PIISCAN_CACHE_DIR'] ?? path.join(env['XDG_CACHE_HOME'] ?? path.join(os.homedir(), '.cache'), 'piiscan');
  return path.join(base, 'source-index', INDEX_VERSION);
}

/** A file's cache key: its grammar and content. */
export function toCacheKey(grammar: string, content: Buffer): string {
  return createHash('sha256').update(grammar).update('\0').update(content).digest('hex');
}

function entryPath(folder: string, key: string): string {
  return path.join(folder, key.slice(0, 2), `${key}.json`);
}

export async function readCached(folder: string, key: string): Promise<LogStatement[] | undefined> {
  try {
    return JSON.parse(await readFile(entryPath(folder, key), 'utf8')) as LogStatement[];
  } catch {
    return undefined;
  }
}

export async function writeCached(folder: string, key: string, statements: LogStatement[]): Promise<void> {
  const file = entryPath(folder, key);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    // Written aside and renamed, so a concurrent reader never sees half an entry.
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(statements));
    await rename(temp, file);
  } catch {
    // A read-only or full disk: the next run parses the file again.
  }
}
