/**
 * Aligns a statement's message words with a site's template words, in order. A template's
 * `<text>` stands for capitalised words the engine hid as possible names (free-text.ts), so it
 * may stand for a run of the statement's capitalised words: those count as covered, not matched.
 */

/** A template word, or TEXT where the template hid capitalised words. */
export const TEXT = '\u0001';

/** A statement's word: lower-case, and whether it was written capitalised. */
export interface StatementWord {
  word: string;
  capitalised: boolean;
}

/** How a statement's words sit in a template. */
export interface Alignment {
  /** Statement words found in the template. */
  matched: number;
  /** Statement words found, or hidden under a `<text>`. */
  covered: number;
  /** Template words from the first matched one to the end: what the statement should explain. */
  span: number;
}

/** Scores pack (covered, matched) so one comparison prefers covering more, then matching more. */
const WEIGHT = 4096;

export function align(words: readonly StatementWord[], template: readonly string[]): Alignment {
  const n = words.length;
  const m = template.length;
  // dp[i][j]: best packed score of the first i statement words against the first j template words.
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  // first[i][j]: template index where that best alignment's first match sits (m when none).
  const first: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(m));
  for (let i = 1; i <= n; i++) {
    const { word, capitalised } = words[i - 1]!;
    for (let j = 1; j <= m; j++) {
      const token = template[j - 1]!;
      let best = dp[i - 1]![j]!;
      let from = first[i - 1]![j]!;
      const pick = (score: number, start: number) => {
        if (score > best || (score === best && start > from)) [best, from] = [score, start];
      };
      pick(dp[i]![j - 1]!, first[i]![j - 1]!);
      if (token === word) pick(dp[i - 1]![j - 1]! + WEIGHT + 1, Math.min(first[i - 1]![j - 1]!, j - 1));
      if (token === TEXT && capitalised) {
        pick(dp[i - 1]![j - 1]! + WEIGHT, Math.min(first[i - 1]![j - 1]!, j - 1));
        pick(dp[i - 1]![j]! + WEIGHT, Math.min(first[i - 1]![j]!, j - 1));
      }
      dp[i]![j] = best;
      first[i]![j] = from;
    }
  }
  const score = dp[n]![m]!;
  const start = first[n]![m]!;
  return { matched: score % WEIGHT, covered: Math.floor(score / WEIGHT), span: Math.max(0, m - start) };
}
