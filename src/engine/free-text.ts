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
const CAPITALISED =
  /(?<![\p{L}\p{N}_.'’-])\p{Lu}(?:['’]\p{Lu})?\p{Ll}[\p{Ll}\p{M}]*(?:['’-]\p{L}[\p{Ll}\p{M}]*)*(?![\p{L}\p{N}_]|\.[\p{L}\p{N}])/gu;
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
const UPPER_LOWER = /\p{Lu}\p{Ll}/u;

/** Whether the next token can begin a message, after this one. */
function beginsAfter(token: string, before: boolean): boolean {
  if (SENTENCE_BREAK.test(token)) return true;
  if (token.endsWith(':') && KEY.test(token)) return CODE_NAME.test(token);
  return before && (PLACEHOLDER_ONLY.test(token) || LEVEL.test(token));
}

/** A token's capitalised words replaced; `keepFirst`: its first word begins the message. */
function replaceWords(token: string, keepFirst: boolean): { text: string; keptWhole: boolean; firstReplaced: boolean } {
  const isKey = token.endsWith(':') && KEY.test(token);
  let keptWhole = false;
  let firstReplaced = false;
  const text = token.replace(CAPITALISED, (word, at: number) => {
    const first = !/[\p{L}\p{N}]/u.test(token.slice(0, at));
    if (isKey || (first && keepFirst)) {
      keptWhole = first && !isKey && at + word.length === token.length;
      return word;
    }
    firstReplaced ||= first;
    return TEXT;
  });
  return { text, keptWhole, firstReplaced };
}

/** The text with capitalised free-text words replaced by `<text>` (runs of them as one). */
export function replaceFreeText(text: string): string {
  if (!UPPER_LOWER.test(text)) return text;
  const tokens = text.split(' ');
  let begins = true;
  /** Whether the previous token was one capitalised word, kept for beginning the message. */
  let keptBefore = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const words = UPPER_LOWER.test(token) ? replaceWords(token, begins) : undefined;
    if (words !== undefined) {
      tokens[i] = words.text;
      if (words.firstReplaced && keptBefore) tokens[i - 1] = TEXT;
    }
    keptBefore = words?.keptWhole ?? false;
    begins = beginsAfter(token, begins);
  }
  return tokens.join(' ').replace(/<text>(?:[ ,]+<text>)+/g, TEXT);
}
