/**
 * The key or label right before a value (`customer_name=`, `"dob":"`, `Name: `), as its words,
 * for validators that judge a value by what labels it: a birth date is only one under a birth
 * key, a name only one after a name key or a salutation.
 */
import { toKeyTokens } from './fields.js';

const KEY_BEFORE = /([A-Za-z_][\w.-]*)["']?\s*[:=]\s*["']?$/;

/** The words of the key that ends `before` (a match's lowercase context), or undefined when none does. */
export function keyWordsBefore(before: string): string[] | undefined {
  const key = KEY_BEFORE.exec(before)?.[1];
  return key === undefined ? undefined : toKeyTokens(key);
}

/** Whether `before` ends with one of `words` (lowercase) as a whole word, then spaces (`Dear `, `Attn: `). */
export function endsWithWord(before: string, words: ReadonlySet<string>): boolean {
  const word = /(?:^|[^\w.-])([a-z]+)[.:,]?\s+$/.exec(before)?.[1];
  return word !== undefined && words.has(word);
}
