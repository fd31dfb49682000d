/**
 * Given names and surnames, for person_name. The words come from @cspell/dict-people-names:
 * cspell's people-names list, kept by the cspell project, which sets out to hold names of all
 * backgrounds and cultures, one name part a line (given and family names alike), and ships them
 * as plain text. It is read on first use only: a scan that meets no name-bearing field, column
 * or cue never loads it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let names: ReadonlySet<string> | undefined;

function load(): ReadonlySet<string> {
  // The package exports only its cspell config; the word list sits beside it.
  const config = createRequire(import.meta.url).resolve('@cspell/dict-people-names/cspell-ext.json');
  const text = readFileSync(path.join(path.dirname(config), 'dict', 'people-names.txt'), 'utf8');
  const words = new Set<string>();
  for (const line of text.split('\n')) {
    const word = line.trim();
    if (word !== '' && !word.startsWith('#') && !word.endsWith('.')) words.add(toFolded(word.toLowerCase()));
  }
  return words;
}

/** Letters that Unicode does not decompose into a base letter and a mark. */
const UNDECOMPOSED: Record<string, string> = { ı: 'i', ø: 'o', ł: 'l', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th' };

/**
 * A lowercase word without its diacritics (`chloé` → chloe, `yılmaz` → yilmaz): names are written
 * with and without them, in data and in the dictionary alike.
 */
function toFolded(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ıøłđßæœþ]/g, (ch) => UNDECOMPOSED[ch]!);
}

/** Whether a word (any case, with or without diacritics) is a given name or surname in the dictionary. */
export function isKnownName(word: string): boolean {
  return (names ??= load()).has(toFolded(word.toLowerCase()));
}
