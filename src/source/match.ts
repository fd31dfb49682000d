/**
 * Matches a log site to the statements of its service's repository. A statement's constant
 * words must appear in the site's template in order (align.ts); for JSON lines the keys it
 * attaches must be among the line's keys. The statement whose words explain the most of the
 * template ranks first; equal ones are all listed, each with a lower confidence.
 */
import type { FileStatements, LogStatement } from './statement.js';
import type { CodeSource } from '../sites/finding.js';
import { toLevel, toSiteText, toStatementWords, type SiteText } from './site-text.js';
import { align, type StatementWord } from './align.js';

/** A statement a log site may come from, ranked by confidence (0..1): a CodeSource before its root. */
export type SourceCandidate = Omit<CodeSource, 'root'>;

/** Candidates kept per site. */
const MAX_CANDIDATES = 3;
/** Least share of a statement's words the template must hold. */
const MIN_SHARE = 0.6;
/** Least share of the template (from the statement's first word on) a confident match explains. */
const MIN_COVERAGE = 0.6;

interface Indexed {
  path: string;
  statement: LogStatement;
  words: StatementWord[];
  keys: string[];
}

interface Scored {
  entry: Indexed;
  /** Share of the statement's words (and keys, for JSON lines) the template holds. */
  share: number;
  matched: number;
  covered: number;
  /** Share of the template, from the first matched word on, that the statement explains. */
  coverage: number;
  level: boolean;
  keysOnly: boolean;
}

/** A repository's statements with a word → statements map, so a site is compared with few. */
export interface StatementMatcher {
  match(template: string): SourceCandidate[];
}

function score(entry: Indexed, site: SiteText): Scored | undefined {
  const { words, keys } = entry;
  const keyShare = keys.length === 0 ? 1 : keys.filter((k) => site.keys.has(k)).length / keys.length;
  const level = site.level !== undefined && toLevel(entry.statement.method) === site.level;
  // A JSON line without message words is matched by its keys alone.
  if (site.json && site.words.length === 0) {
    if (keys.length < 2 || keyShare < 1) return undefined;
    return { entry, share: 0.75, matched: keys.length, covered: keys.length, coverage: 1, level, keysOnly: true };
  }
  if (words.length === 0) return undefined;
  const { matched, covered, span } = align(words, site.words);
  const share = (covered / words.length) * (site.json ? 0.5 + 0.5 * keyShare : 1);
  if (share < MIN_SHARE || matched === 0) return undefined;
  // A JSON message is all statement; a text line may open with a timestamp, level and logger.
  const explained = site.json ? site.words.length : span;
  return { entry, share, matched, covered, coverage: covered / Math.max(1, explained), level, keysOnly: false };
}

function compare(a: Scored, b: Scored): number {
  return b.share - a.share || b.matched - a.matched || b.coverage - a.coverage || Number(b.level) - Number(a.level);
}

/** How sure a match is on its own: every word seen, enough of them, explaining the line. */
function baseConfidence(s: Scored): number {
  if (s.keysOnly) return 0.6;
  let c = s.share === 1 && s.matched >= 2 ? 0.95 : s.share * 0.8;
  // Words hidden as possible names were not seen, only allowed.
  if (s.matched < s.covered) c = Math.min(c, 0.6 + (0.3 * s.matched) / s.covered);
  if (s.coverage < MIN_COVERAGE) c = Math.min(c, 0.8);
  if (s.matched < 2) c *= 0.7;
  return c;
}

/** A candidate; `above` is the confidence of the one ranked just before it. */
function toCandidate(s: Scored, rank: number, ranked: readonly Scored[], above?: number): SourceCandidate {
  const ties = ranked.filter((o) => compare(o, s) === 0).length;
  let confidence = baseConfidence(s);
  if (ties > 1) confidence /= ties;
  // A statement whose words are a part of the first's is close: the first is likelier, not certain.
  else if (rank === 0 && ranked.length > 1 && ranked[1]!.share === s.share) confidence = Math.min(confidence, 0.85);
  if (above !== undefined) confidence = Math.min(confidence, above - 0.05);
  const { statement } = s.entry;
  const n = s.entry.words.length;
  const why = [
    s.keysOnly
      ? ''
      : `${s.matched} of ${n} message words in order` +
        (s.covered > s.matched ? `, ${s.covered - s.matched} hidden as names` : ''),
    s.entry.keys.length > 0 ? `keys ${s.entry.keys.join(', ')}` : '',
    s.level ? `level ${statement.method}` : '',
    ties > 1 ? `${ties} statements match equally` : '',
  ];
  return {
    path: s.entry.path,
    line: statement.line,
    column: statement.column,
    call: statement.call,
    confidence: Math.max(0.05, Math.round(confidence * 100) / 100),
    why: why.filter(Boolean).join('; '),
  };
}

export function createStatementMatcher(files: readonly FileStatements[]): StatementMatcher {
  const byWord = new Map<string, Indexed[]>();
  const byKey = new Map<string, Indexed[]>();
  const add = (map: Map<string, Indexed[]>, key: string, entry: Indexed) =>
    (map.get(key) ?? map.set(key, []).get(key)!).push(entry);
  for (const file of files)
    for (const statement of file.statements) {
      const words = toStatementWords(statement.parts);
      const keys = statement.keys.map((k) => k.split('.').pop()!.toLowerCase());
      const entry: Indexed = { path: file.path, statement, words, keys };
      for (const w of new Set(words.map((w) => w.word))) add(byWord, w, entry);
      for (const k of new Set(keys)) add(byKey, k, entry);
    }
  return {
    match(template) {
      const site = toSiteText(template);
      const pool = new Set<Indexed>();
      for (const w of site.words) for (const e of byWord.get(w) ?? []) pool.add(e);
      if (site.words.length === 0 && site.json)
        for (const k of site.keys) for (const e of byKey.get(k) ?? []) pool.add(e);
      const ranked = [...pool]
        .map((e) => score(e, site))
        .filter((s): s is Scored => s !== undefined)
        .sort(compare);
      const out: SourceCandidate[] = [];
      for (const [i, s] of ranked.slice(0, MAX_CANDIDATES).entries())
        out.push(toCandidate(s, i, ranked, out[i - 1]?.confidence));
      return out;
    },
  };
}
