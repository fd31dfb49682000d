/**
 * A log line's template: the line with its variable parts replaced, so that every line written by
 * one log statement has the same template. Detected values become `<detector>`; timestamps, ids,
 * numbers, quoted values and `key=value` values become typed placeholders; every token that
 * still carries a digit becomes `<num>`, and free text that names people or places becomes
 * `<word>` (free-text.ts). JSON lines become their sorted key paths, with message-like keys
 * templated as text. What is left is structure a statement repeats: a report never shows a
 * value, even one the detectors missed.
 *
 * A site's identity is its template's key (toTemplateKey): placeholders without their labels,
 * runs of them as one, punctuation aside, from the whole template before reports clip it. So a
 * value that one line's detectors match and
 * another's do not (`<phone>` against `+<num> <num>`) never splits a statement into two sites.
 */
import type { Field } from './fields.js';
import { replaceFreeText } from './free-text.js';
import { toCodeLocationPart } from './code-location-fields.js';

export interface TemplateSpan {
  start: number;
  end: number;
  label: string;
}

/** Keys whose value is a message, templated as text; Serilog's `@mt`/`MessageTemplate` hold the statement's. */
const MESSAGE_KEYS = new Set(['msg', 'message', 'event', 'log', 'text', 'error', 'err', 'messagetemplate', '@mt']);
const MAX_TEMPLATE_LENGTH = 300;
const PLACEHOLDER = /<[a-z_:]+>/;
const TYPE_PLACEHOLDERS = { string: 'str', number: 'num', boolean: 'bool', null: 'null', text: 'str' } as const;
const URL_ESCAPE = /%[0-9A-Fa-f]{2}/;
const ADDRESS = /^[^@]+@[^@.]+(?:\.[^@.]+)+$/;
/**
 * Words and placeholder runs a site's key keeps: values of varying length move where a long
 * line's template is cut, so only its start is the statement's.
 */
const KEY_UNITS = 48;
/** Only the start of a very long line is templated. */
const MAX_INPUT = 2048;

/**
 * Ordered replacements for the text between detected values, each run only when the text holds
 * its `only` character. Input is capped at MAX_INPUT characters and no rule nests quantifiers;
 * the URL and address rules match whole tokens and test them in a callback, so they run in
 * linear time (the digit rule rescans a run of letters with no digit after it, within the cap).
 */
const RULES: Array<
  [pattern: RegExp, replacement: string | ((m: string, at: number, text: string) => string), only?: string]
> = [
  [/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<ts>'],
  [/\[\d{2}\/\w{3}\/\d{4}(?::\d{2}){3}(?: [+-]\d{4})?\]/g, '[<ts>]'],
  [/\b\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, '<ts>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/"(?:[^"\\]|\\.)*"/g, (m) => (PLACEHOLDER.test(m) ? m : '"<str>"')],
  [/'(?:[^'\\]|\\.)*'/g, (m) => (PLACEHOLDER.test(m) ? m : "'<str>'")],
  // JSON inside a text line (`payload={\"name\":\"…\"}`): its escaped quotes delimit values.
  [/\\+"[^"\\]*\\+"/g, (m) => (PLACEHOLDER.test(m) ? m : '\\"<str>\\"')],
  [/\b([A-Za-z_][\w.-]*)=(?!<)[^\s&,;]+/g, '$1=<v>'],
  // A token holding a URL escape (`Margaret%20Thornbury`, `%2B44…`) is one value, escapes included.
  [/[\p{L}\p{N}_.+%-]+/gu, (m) => (URL_ESCAPE.test(m) ? '<str>' : m), '%'],
  // An address-shaped token whether or not a detector took it (`--detectors`, a failed check).
  [/[\p{L}\p{N}_.+@-]+/gu, (m) => (ADDRESS.test(m) ? '<email>' : m), '@'],
  [/\b[0-9a-f]{8,}\b/gi, (m) => (/\d/.test(m) && /[a-f]/i.test(m) ? '<hex>' : m)],
  [/\b\w{8,}\b/g, (m) => (/\d/.test(m) && /[a-z]/i.test(m) ? '<id>' : m)],
  [/\b\d+(?:[.,:]\d+)*/g, '<num>'],
  // What still carries a digit is glued to letters (`x2k4p`, `s3`, `v2`): the whole token varies.
  [/[\p{L}_]*\d[\p{L}\p{N}_]*/gu, (m, at: number, text: string) => (text[at - 1] !== '<' ? '<num>' : m)],
];

function templateGap(text: string): string {
  let out = text;
  for (const [pattern, replacement, only] of RULES)
    if (only === undefined || out.includes(only)) out = out.replace(pattern, replacement as string);
  return replaceFreeText(out);
}

/**
 * Template of a plain-text line. Spans must be sorted and not overlap. Detected values are
 * replaced first, so a quoted string that holds one keeps its shape (`"GET /?email=<email>"`).
 */
export function toTextTemplate(fullLine: string, allSpans: TemplateSpan[]): string {
  const line = fullLine.slice(0, MAX_INPUT);
  const spans = allSpans.filter((s) => s.end <= line.length);
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    out += `${line.slice(cursor, span.start)}<${span.label}>`;
    cursor = span.end;
  }
  out += line.slice(cursor);
  return templateGap(out.replace(/\s+/g, ' ').trim());
}

/** Template of a JSON line: `{msg="text template" key=<type> ...}`: message keys first, then sorted key paths. */
export function toJsonTemplate(fields: Field[], spans: TemplateSpan[]): string {
  const parts = new Map<string, string>();
  for (const field of fields) {
    const path = (field.jsonPath ?? field.key).replace(/^\$\.?/, '');
    const inside = spans.filter((s) => s.start >= field.start && s.end <= field.end);
    let value: string;
    if (MESSAGE_KEYS.has(field.key.toLowerCase()) && field.type === 'string') {
      value = `"${toTextTemplate(
        field.value,
        inside.map((s) => ({ ...s, start: s.start - field.start, end: s.end - field.start })),
      )}"`;
    } else if (inside.length === 0 && toCodeLocationPart(path, field.value) !== undefined) {
      // The code that wrote the line: it names the statement, so it keys the site.
      value = JSON.stringify(field.value);
    } else if (inside.length > 0) {
      value = inside.map((s) => `<${s.label}>`).join('');
    } else {
      value = `<${TYPE_PLACEHOLDERS[field.type]}>`;
    }
    parts.set(path, value);
  }
  const isMessage = (path: string) => MESSAGE_KEYS.has(path.toLowerCase());
  const keys = [...parts.keys()].sort((a, b) => Number(isMessage(b)) - Number(isMessage(a)) || a.localeCompare(b));
  return `{${keys.map((k) => `${k}=${parts.get(k)}`).join(' ')}}`;
}

/**
 * What makes two templates one statement: their words and key names in order, each run of
 * placeholders (with the letters glued to them: `<num>ms`) as one `\0` whatever its labels,
 * punctuation dropped.
 */
export function toTemplateKey(template: string): string {
  const units = template
    .replace(/[\p{L}\p{N}_]*<[a-z_:]+>[\p{L}\p{N}_]*/gu, '\0')
    .replace(/[^\p{L}\p{N}_\0]+/gu, ' ')
    .replace(/\0(?: ?\0)*/g, '\0')
    .trim()
    .split(' ');
  return units.slice(0, KEY_UNITS).join(' ');
}

/** The template as reports show it: at most MAX_TEMPLATE_LENGTH characters. */
export function clipTemplate(template: string): string {
  return template.length > MAX_TEMPLATE_LENGTH ? `${template.slice(0, MAX_TEMPLATE_LENGTH - 1)}…` : template;
}
