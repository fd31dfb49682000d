/**
 * Matches a log site to the statements of its service's repository. A statement's constant
 * words must appear in the site's template in order (longest common subsequence); for JSON
 * lines the keys it attaches must be among the line's keys. The statement whose words explain
 * the most of the template ranks first; equal ones are all listed, each with a lower confidence.
 */
import type { FileStatements, LogStatement } from './statement.js';
import { toLevel, toSiteText, toWords, type SiteText } from './site-text.js';

/** A statement a log site may come from, ranked by confidence (0..1). */
export interface SourceCandidate {
  path: string;
  line: number;
  column: number;
  call: string;
  confidence: number;
  /** Why it matched: the words and keys found, what else was close. */
  why: string;
}

/** Candidates kept per site. */
const MAX_CANDIDATES = 3;
/** Least share of a statement's words the template must hold. */
const MIN_SHARE = 0.6;
/** The share given a statement matched by its keys alone. */
const KEYS_ONLY = 0.75;

interface Indexed {
  path: string;
  statement: LogStatement;
  words: string[];
  keys: string[];
}

interface Scored {
  entry: Indexed;
  matched: number;
  share: number;
  level: boolean;
}

/** A repository's statements with a word → statements map, so a site is compared with few. */
export interface StatementMatcher {
  match(template: string): SourceCandidate[];
}

function commonWords(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const word of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = word === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function score(entry: Indexed, site: SiteText): Scored | undefined {
  const { words, keys } = entry;
  const keyShare = keys.length === 0 ? 1 : keys.filter((k) => site.keys.has(k)).length / keys.length;
  // A JSON line without message words (a .NET message template) is matched by its keys alone.
  if (site.json && site.words.length === 0) {
    if (keys.length < 2 || keyShare < 1) return undefined;
    return { entry, matched: keys.length, share: KEYS_ONLY, level: false };
  }
  if (words.length === 0) return undefined;
  const matched = commonWords(words, site.words);
  const share = (matched / words.length) * (site.json ? 0.5 + 0.5 * keyShare : 1);
  if (share < MIN_SHARE) return undefined;
  return { entry, matched, share, level: site.level !== undefined && toLevel(entry.statement.method) === site.level };
}

function compare(a: Scored, b: Scored): number {
  return b.share - a.share || b.matched - a.matched || Number(b.level) - Number(a.level);
}

function toCandidate(s: Scored, rank: number, ranked: readonly Scored[]): SourceCandidate {
  const ties = ranked.filter((o) => compare(o, s) === 0).length;
  const exact = s.share === 1 && s.entry.words.length >= 2;
  let confidence = exact ? 0.95 : s.share * 0.8;
  if (s.entry.words.length < 2) confidence *= 0.7;
  if (ties > 1) confidence /= ties;
  // A statement whose words are a part of the first's is close: the first is likelier, not certain.
  else if (rank === 0 && ranked.length > 1 && ranked[1]!.share === s.share) confidence = Math.min(confidence, 0.85);
  if (rank > 0) confidence = Math.min(confidence, toCandidateConfidence(ranked[0]!) - 0.05);
  const { statement } = s.entry;
  const found = s.entry.keys.length > 0 ? `keys ${s.entry.keys.join(', ')}` : '';
  const words =
    s.entry.words.length > 0 && s.share !== KEYS_ONLY
      ? `${s.matched} of ${s.entry.words.length} message words in order`
      : '';
  const why =
    [words, found].filter(Boolean).join(', ') +
    (s.level ? `, level ${statement.method}` : '') +
    (ties > 1 ? `; ${ties} statements match equally` : '');
  return {
    path: s.entry.path,
    line: statement.line,
    column: statement.column,
    call: statement.call,
    confidence: Math.max(0.05, Math.round(confidence * 100) / 100),
    why,
  };
}

function toCandidateConfidence(s: Scored): number {
  return s.share === 1 && s.entry.words.length >= 2 ? 0.95 : s.share * 0.8;
}

export function createStatementMatcher(files: readonly FileStatements[]): StatementMatcher {
  const byWord = new Map<string, Indexed[]>();
  const byKey = new Map<string, Indexed[]>();
  for (const file of files)
    for (const statement of file.statements) {
      const words = toWords(statement.parts.join(' '));
      const keys = statement.keys.map((k) => k.split('.').pop()!.toLowerCase());
      const entry: Indexed = { path: file.path, statement, words, keys };
      for (const w of new Set(words)) (byWord.get(w) ?? byWord.set(w, []).get(w)!).push(entry);
      for (const k of new Set(keys)) (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(entry);
    }
  return {
    match(template) {
      const site = toSiteText(template);
      const pool = new Set<Indexed>();
      for (const w of site.words) for (const e of byWord.get(w) ?? []) pool.add(e);
      if (site.words.length === 0) for (const k of site.keys) for (const e of byKey.get(k) ?? []) pool.add(e);
      const ranked = [...pool]
        .map((e) => score(e, site))
        .filter((s): s is Scored => s !== undefined)
        .sort(compare);
      return ranked.slice(0, MAX_CANDIDATES).map((s, i) => toCandidate(s, i, ranked));
    },
  };
}
