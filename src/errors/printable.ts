/**
 * Characters a terminal or a viewer does not print as themselves (C0 and C1 controls, DEL, format
 * characters such as bidi overrides, line and paragraph separators, lone surrogates) written as
 * escapes (`\x1b`, `\u202e`), so no file name, key, template, sample or message can move a
 * terminal's cursor, recolour it or hide text in a report. JSON output keeps its strings exact and
 * escapes the same characters JSON's way.
 */

const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
/** What JSON.stringify leaves raw of those: it escapes only U+0000 to U+001F and lone surrogates. */
const UNPRINTABLE_IN_JSON = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]/gu;
const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, '0');
}

/** Text with every unprintable character escaped; a printable text comes back unchanged. */
export function toPrintable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => {
    const code = ch.codePointAt(0)!;
    return (
      NAMED[ch] ??
      (code < 0x100 ? `\\x${hex(code, 2)}` : code < 0x10000 ? `\\u${hex(code, 4)}` : `\\u{${code.toString(16)}}`)
    );
  });
}

/** Each line of a multi-line text made printable; the line ends stay. */
export function toPrintableLines(text: string): string {
  return text.split('\n').map(toPrintable).join('\n');
}

/** Indented JSON with a trailing newline, in which every unprintable character is a `\uXXXX` escape. */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(UNPRINTABLE_IN_JSON, (ch) =>
    [...Array(ch.length).keys()].map((i) => `\\u${hex(ch.charCodeAt(i), 4)}`).join(''),
  );
  return `${text}\n`;
}
