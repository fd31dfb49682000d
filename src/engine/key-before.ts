/**
 * The key or label right before a value (`customer_name=`, `"dob":"`, `Name: `), as its words,
 * for validators that judge a value by what labels it: a birth date is only one under a birth
 * key, a name only one after a name key or a salutation.
 */
import { toKeyTokens } from './fields.js';

/** `key=`, `"key": "`, and Ruby's `"key"=>"` (Rails logs its parameters so). */
const KEY_BEFORE = /([A-Za-z_][\w.-]*)["']?\s*(?:=>|[:=])\s*["']?$/;
/**
 * A generic `value` named by the attribute or key before it: an HTML input (`name="dob"
 * value="`, other attributes between: `name="dob" id="dob" value="`) or a name/value pair
 * (`{"name":"dob","value":"`, `field=dob value=`).
 */
const NAMED_VALUE =
  /\b(?:name|key|field)["']?\s*[:=]\s*["']?([A-Za-z_][\w.-]*)["']?(?:\s+[\w-]+=["'][^"'<>]*["']){0,3}[\s,]+["']?value["']?\s*[:=]\s*["']?$/i;
/** A table's label cell before the value's cell (`<td>Date of birth</td><td>`, `<th>Name:</th><td>`). */
const LABEL_CELL = /<t[hd][^<>]*>\s*([A-Za-z][\w .'-]*?)\s*:?\s*<\/t[hd]>\s*<td[^<>]*>\s*$/i;

/**
 * Whether `before` ends as every key above does: `:`, `=` or `>`, then perhaps spaces and a
 * quote. Most matches stand in prose, and this settles them without running the patterns,
 * which JavaScript tries from every start in the text.
 */
function endsLikeKey(before: string): boolean {
  let i = before.length - 1;
  if (before[i] === '"' || before[i] === "'") i--;
  while (before[i] === ' ' || before[i] === '\t') i--;
  const last = before[i];
  return last === ':' || last === '=' || last === '>';
}

/** The key that ends `before` (a match's context, in any case), or undefined when none does. */
export function keyBefore(before: string): string | undefined {
  if (!endsLikeKey(before)) return undefined;
  return NAMED_VALUE.exec(before)?.[1] ?? KEY_BEFORE.exec(before)?.[1] ?? LABEL_CELL.exec(before)?.[1];
}

/** The words of the key that ends `before` (a match's lowercase context), or undefined when none does. */
export function keyWordsBefore(before: string): string[] | undefined {
  const key = keyBefore(before);
  return key === undefined ? undefined : toKeyTokens(key);
}

/** Whether `before` ends with one of `words` (lowercase) as a whole word, then spaces (`Dear `, `Attn: `). */
export function endsWithWord(before: string, words: ReadonlySet<string>): boolean {
  const word = /(?:^|[^\w.-])([a-z]+)[.:,]?\s+$/.exec(before)?.[1];
  return word !== undefined && words.has(word);
}
