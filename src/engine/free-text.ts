/**
 * Free text in a template. Names and addresses that no detector knows (`Delivery for Margaret
 * Thornbury at 42 Larkspur Crescent`) must not reach a report, yet the words that make a
 * statement what it is must stay. Structure decides, line by line: a capitalised word is a name
 * or a place unless it begins the message (after a timestamp, level, `[thread]`, `Logger:` or
 * ` - `), or names a key (`Authorization:`). Camel-case, dotted and all-caps tokens
 * are identifiers and levels and stay. A capitalised word that began the message is replaced too
 * when the next word is replaced (`Margaret Thornbury logged in`). Numbers, tokens with digits and
 * quoted strings were replaced before (template.ts), so `<text>` and `<num>` leave only
 * lowercase words, punctuation and key names from what varies.
 *
 * Why per line and not by merging a site's lines: the template is the site's key, so it must be
 * known from one line, before aggregation; and a statement seen once has nothing to merge with.
 * What this misses: a name that begins a message on its own (`Margaret logged in`), and names
 * written in lowercase or in scripts without case.
 */

/** A capitalised word, not inside an identifier (`OrderService`, `c.e.Orders`, `snake_Case`). */
const CAPITALISED = /(?<![\p{L}\p{N}_.'’-])\p{Lu}(?:['’]\p{Lu})?\p{Ll}[\p{Ll}\p{M}]*(?:['’-]\p{L}[\p{Ll}\p{M}]*)*(?![\p{L}\p{N}_]|\.[\p{L}\p{N}])/gu;
/**
 * A token after which a message begins: `[thread]`, `|` or a lone separator; a key does when it
 * names code (`c.e.OrderService:`, `OrderService:`). Not `.` or `Name:`, after which a name is
 * as likely as a message.
 */
const SENTENCE_BREAK = /[\]|]["')]*$|^[-–—=>|*#]+$/;
const CODE_NAME = /\.|\p{Ll}\p{Lu}/u;
const KEY = /^[("'[]*[\p{L}\p{N}_.$-]+:$/u;
const PLACEHOLDER_ONLY = /^(?:[^\p{L}]|<[a-z_:]+>)*$/u;
const LEVEL = /^[^\p{L}]*\p{Lu}[\p{Lu}\p{N}_]*[^\p{L}]*$/u;
const TEXT = '<text>';

/** Whether the next token can begin a message, after this one. */
function beginsAfter(token: string, before: boolean): boolean {
  if (SENTENCE_BREAK.test(token)) return true;
  if (KEY.test(token)) return CODE_NAME.test(token);
  return PLACEHOLDER_ONLY.test(token) || LEVEL.test(token) ? before : false;
}

/** The text with capitalised free-text words replaced by `<text>` (runs of them as one). */
export function replaceFreeText(text: string): string {
  if (!/\p{Lu}\p{Ll}/u.test(text)) return text;
  const tokens = text.split(' ');
  let begins = true;
  /** Index of the previous token when it was one capitalised word kept for beginning the message. */
  let keptFirst = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    let kept = -1;
    let firstReplaced = false;
    const isKey = KEY.test(token);
    tokens[i] = token.replace(CAPITALISED, (word, at: number) => {
      const first = !/[\p{L}\p{N}]/u.test(token.slice(0, at));
      if (isKey || (first && begins)) {
        if (first && !isKey && at + word.length === token.length) kept = i;
        return word;
      }
      if (first) firstReplaced = true;
      return TEXT;
    });
    if (firstReplaced && keptFirst === i - 1 && keptFirst >= 0) tokens[keptFirst] = tokens[keptFirst]!.replace(CAPITALISED, TEXT);
    keptFirst = kept;
    begins = beginsAfter(token, begins);
  }
  return tokens.join(' ').replace(/<text>(?:[ ,]+<text>)+/g, TEXT);
}
