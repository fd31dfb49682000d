/**
 * Indexes the log statements of a service's repository: every file of an indexed language,
 * parsed once per content (cache.ts), dependency and build folders left out.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { languageOf } from './languages.js';
import { parserFor } from './tree-sitter.js';
import { extractStatements } from './extract.js';
import { readCached, toCacheKey, writeCached } from './cache.js';
import type { FileStatements } from './statement.js';

const SKIPPED_FOLDERS = new Set([
  '.git',
  'node_modules',
  'vendor',
  'dist',
  'build',
  'target',
  'bin',
  'obj',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
]);
/** Tests, specs and test data: what they log never reaches a service's logs. */
const TEST_PATH =
  /(?:^|\/)(?:tests?|spec|specs|__tests__|testdata|fixtures)\/|(?:_test\.go|_test\.py|_spec\.rb|Tests?\.(?:java|cs)|\.(?:test|spec)\.[cm]?[jt]sx?)$|(?:^|\/)test_[^/]*\.py$/;
/** Larger files are generated or bundled code, not where a statement is changed. */
const MAX_FILE_BYTES = 1024 * 1024;

/** What indexing a repository counted. */
export interface IndexStats {
  files: number;
  parsed: number;
  cached: number;
}

export interface RepositoryIndex {
  root: string;
  files: FileStatements[];
  stats: IndexStats;
}

async function* sourceFiles(root: string, folder = ''): AsyncGenerator<string> {
  const entries = await readdir(path.join(root, folder), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) yield* sourceFiles(root, relative);
    else if (entry.isFile() && languageOf(path.extname(entry.name)) && !TEST_PATH.test(relative)) yield relative;
  }
}

/** Indexes a repository's log statements; `cache` is the cache folder (cache.ts). */
export async function indexRepository(root: string, cache: string): Promise<RepositoryIndex> {
  const files: FileStatements[] = [];
  const stats: IndexStats = { files: 0, parsed: 0, cached: 0 };
  for await (const relative of sourceFiles(root)) {
    const full = path.join(root, relative);
    if ((await stat(full)).size > MAX_FILE_BYTES) continue;
    const spec = languageOf(path.extname(relative))!;
    const content = await readFile(full);
    const key = toCacheKey(spec.grammar, content);
    stats.files++;
    let statements = await readCached(cache, key);
    if (statements) stats.cached++;
    else {
      const parser = await parserFor(spec.grammar);
      const tree = parser.parse(content.toString('utf8'));
      statements = tree ? extractStatements(tree, spec) : [];
      tree?.delete();
      stats.parsed++;
      await writeCached(cache, key, statements);
    }
    if (statements.length > 0) files.push({ path: relative, statements });
  }
  return { root, files, stats };
}
