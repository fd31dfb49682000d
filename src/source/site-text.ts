/**
 * What of a log site's template a statement can match: the words of its message (the whole
 * line for text logs, the message key's value for JSON lines), its field keys (JSON lines), and
 * the level it names.
 */

import { TEXT, type StatementWord } from './align.js';

/** A site's template read for matching. */
export interface SiteText {
  /** Lower-case words outside placeholders, in order; TEXT for a `<text>`. */
  words: string[];
  /** Lower-case field keys of a JSON line (each key path's last segment). */
  keys: Set<string>;
  level: string | undefined;
  json: boolean;
}

const MESSAGE_KEYS = /^(?:msg|message|event|log|text|error|err|messagetemplate|@?mt)$/i;
const JSON_FIELD = /([\w.@/-]+)=("(?:[^"\\]|\\.)*"|<[a-z_:]+>|\S+)/g;
const LEVELS: Record<string, string> = {
  trace: 'trace',
  trc: 'trace',
  debug: 'debug',
  dbg: 'debug',
  info: 'info',
  inf: 'info',
  information: 'info',
  notice: 'info',
  warn: 'warn',
  warning: 'warn',
  wrn: 'warn',
  error: 'error',
  err: 'error',
  erro: 'error',
  exception: 'error',
  critical: 'fatal',
  fatal: 'fatal',
  ftl: 'fatal',
  crit: 'fatal',
  panic: 'fatal',
};

/** Words of a text as written, without placeholders or tokens holding a digit. */
function rawWords(text: string): string[] {
  // `user_registered` is two words: an event name is as specific as the words it joins.
  const words = text.replace(/<[a-z_:]+>/g, ' ').match(/\p{L}[\p{L}\p{N}]*/gu) ?? [];
  return words.filter((w) => !/\d/.test(w));
}

/** Lower-case words of a text, without placeholders or tokens holding a digit. */
export function toWords(text: string): string[] {
  return rawWords(text).map((w) => w.toLowerCase());
}

/** A statement's message words, each marked when capitalised (a template may hide it as `<text>`). */
export function toStatementWords(parts: readonly string[]): StatementWord[] {
  return rawWords(parts.join(' ')).map((w) => ({ word: w.toLowerCase(), capitalised: /^\p{Lu}\p{Ll}/u.test(w) }));
}

/** A template's words in order, with TEXT where the engine hid capitalised words. */
function toTemplateWords(text: string): string[] {
  return toWords(text.replace(/<text>/g, ' zzhiddentextzz ')).map((w) => (w === 'zzhiddentextzz' ? TEXT : w));
}

/** The level a word or method name names (`WRN`, `LogWarning`, `Errorf`), if any. */
export function toLevel(word: string): string | undefined {
  const bare = word
    .toLowerCase()
    .replace(/^log(?=[a-z])/, '')
    .replace(/(?:f|w|ln)$/, '');
  return LEVELS[bare] ?? LEVELS[word.toLowerCase()];
}

/** Reads a site's template: `{msg="…" key=<str>}` for JSON lines, anything else as text. */
export function toSiteText(template: string): SiteText {
  if (!template.startsWith('{') || !template.endsWith('}')) {
    const words = toTemplateWords(template);
    return { words, keys: new Set(), level: words.map(toLevel).find((l) => l !== undefined), json: false };
  }
  const keys = new Set<string>();
  let words: string[] = [];
  for (const [, key, value] of template.slice(1, -1).matchAll(JSON_FIELD)) {
    const last = key!.split('.').pop()!;
    // The first message key with words is the message (`msg` before an `error` that is a value).
    if (MESSAGE_KEYS.test(key!) && value!.startsWith('"') && words.length === 0)
      words = toTemplateWords(value!.slice(1, -1));
    keys.add(last.toLowerCase());
  }
  return { words, keys, level: undefined, json: true };
}
