/**
 * A column named for a kind stores its values one way (encrypted, hashed, masked): a stored form
 * that only a few of its values have, beside the column's main one, is placeholders or chance
 * shapes (`***@***.com` among ciphertext, a run of x's in random base64), and is counted in the
 * main form's finding rather than reported as a finding of its own. Plaintext is never folded.
 */
import type { Finding } from './finding.js';

/** A stored form folds into the main one when the main form has this many times its values. */
const MAIN_FORM_RATIO = 50;

/** A column finding and the values it matched. */
export interface ColumnFinding {
  finding: Finding;
  values: number;
}

/** The findings of one column's stored forms of its named kind, with the few-value ones folded into the main one. */
export function foldStrayForms(stored: ColumnFinding[]): ColumnFinding[] {
  if (stored.length < 2) return stored;
  const main = stored.reduce((a, b) => (b.values > a.values ? b : a));
  const stray = stored.filter((s) => s !== main && s.values * MAIN_FORM_RATIO <= main.values);
  if (stray.length === 0) return stored;
  const folded: ColumnFinding = {
    finding: { ...main.finding, count: stray.reduce((n, s) => n + s.finding.count, main.finding.count) },
    values: stray.reduce((n, s) => n + s.values, main.values),
  };
  return stored.flatMap((s) => (s === main ? [folded] : stray.includes(s) ? [] : [s]));
}
