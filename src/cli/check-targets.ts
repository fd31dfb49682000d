/**
 * Targets are checked before anything is scanned: a URL of a scheme piiscan does not read, or a
 * mistyped one (`postgress://`, `postgres//`, `s3:/`), is a usage error with a suggestion, never
 * a "missing file" found after the other sources were scanned. Messages show URLs with their
 * credentials masked.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { maskUrlCredentials } from '../errors/url-credentials.js';
import { UserError } from '../errors/user-error.js';
import { CONNECTORS, connectorFor } from '../connectors/registry.js';

const SCHEMES = CONNECTORS.flatMap((c) => c.schemes);
/** What a usage error says piiscan reads: each source's first scheme (others are aliases). */
const READS = `piiscan reads files, folders, ${CONNECTORS.flatMap((c) => c.schemes.slice(0, 1).map((s) => `${s}://`)).join(', ')} URLs`;

/**
 * Edit distance (insertions, deletions, substitutions, swaps of neighbours), for suggestions.
 * Written here because commander's own suggestion helper is not exported.
 */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The known scheme a word most likely meant (at most two edits away), if any. */
function closestScheme(word: string): string | undefined {
  const lower = word.toLowerCase();
  const [best] = SCHEMES.map((s) => ({ s, d: distance(lower, s) })).sort((x, y) => x.d - y.d);
  return best !== undefined && best.d <= Math.min(2, lower.length - 1) ? best.s : undefined;
}

/**
 * A target for a message: every URL credential masked, and for a URL that does not parse all
 * that comes before its last `@` (a password with a raw `/` in it ends no user part).
 */
function shown(target: string): string {
  return maskUrlCredentials(target.replace(/^([a-z][a-z0-9+.-]*:?\/+)\S*@/i, '$1***@'));
}

/** `scheme:` with any slashes, or `scheme//` with the colon missing; the rest after them. */
const URL_LIKE = /^([a-z][a-z0-9+.-]+)(:\/*|\/\/)(.*)$/is;

/** Throws a UserError for a target that looks like a URL piiscan cannot read. */
function checkTarget(target: string, cwd: string): void {
  const m = URL_LIKE.exec(target);
  if (m === null) return;
  const [, scheme, separator, rest] = m as unknown as [string, string, string, string];
  const known = SCHEMES.includes(scheme.toLowerCase());
  if (known && separator === '://') return checkUrl(target);
  // A source whose URLs may go without slashes (`sqlite:data/app.db`) takes them as they are.
  const source = CONNECTORS.find((c) => c.schemes.includes(scheme.toLowerCase()));
  if (source !== undefined && source.check?.(target) === undefined) return;
  // A file or folder of that name is a file target (`logs//app.log`, `build:x`).
  if (existsSync(path.resolve(cwd, target))) return;
  const meant = known ? scheme.toLowerCase() : closestScheme(scheme);
  if (meant !== undefined)
    throw new UserError(
      `${shown(target)}: not a target piiscan can read; did you mean ${shown(`${meant}://${rest}`)}?`,
    );
  // `name:x` without slashes is a file name; `name:/...` and `name://...` are URLs.
  if (separator.startsWith(':/')) throw new UserError(`${shown(target)}: unknown scheme ${scheme}: (${READS})`);
}

/** A URL of a known scheme must be one its source can read (it parses, it names a bucket). */
function checkUrl(target: string): void {
  const problem = connectorFor(target).check?.(target);
  if (problem !== undefined) throw new UserError(`${shown(target)}: ${problem}`);
}

/** Checks every target; the first bad one is a usage error. */
export function checkTargets(targets: readonly string[], cwd: string): void {
  for (const target of targets) checkTarget(target, cwd);
}
