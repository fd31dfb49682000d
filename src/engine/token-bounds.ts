/**
 * Whether a match is only part of a larger token: digits inside a UUID, a hex id, a float
 * (`57.82154…`), a version, a dotted or underscored identifier or a file name are never a value
 * of their own. Validators of number-like detectors ask this of the text around their match.
 */
import type { MatchContext } from '../types.js';

/** Characters that join the parts of one token (`a716-446655440000`, `57.82`, `report_2025.csv`). */
const GLUE = new Set(['.', '_', '-']);

function isAlphanumeric(ch: string | undefined): boolean {
  return ch !== undefined && /^[\p{L}\p{N}]$/u.test(ch);
}

/** An alphanumeric character next to the match, or a glue character with one beyond it. */
function joins(near: string | undefined, beyond: string | undefined): boolean {
  return isAlphanumeric(near) || (near !== undefined && GLUE.has(near) && isAlphanumeric(beyond));
}

export function isInsideToken(context: MatchContext): boolean {
  const { before, after } = context;
  return joins(before[before.length - 1], before[before.length - 2]) || joins(after[0], after[1]);
}
