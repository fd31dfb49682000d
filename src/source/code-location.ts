/**
 * The code location a JSON log site's lines carry (code-location-fields.ts keeps it in the
 * template): the logger wrote it, so it is the statement, with confidence 1.
 */
import { toCodeLocationPart } from '../engine/code-location-fields.js';
import type { SourceCandidate } from './match.js';

/** A key (with `["…"]` parts for keys holding dots) and a quoted value, as toJsonTemplate writes them. */
const FIELD = /((?:[\w.@/-]|\["(?:[^"\\]|\\.)*"\])+)=("(?:[^"\\]|\\.)*")/g;

/** The location in a JSON site's template, or undefined when it names no file. */
export function codeLocationOf(template: string): SourceCandidate | undefined {
  if (!template.startsWith('{')) return undefined;
  let file: string | undefined;
  let line = 0;
  let fn: string | undefined;
  for (const [, key, quoted] of template.matchAll(FIELD)) {
    const value = JSON.parse(quoted!) as string;
    const part = toCodeLocationPart(key!, value);
    if (part === 'file') file = value;
    else if (part === 'line') line = Number(value);
    else if (part === 'function') fn = value;
    else if (part === 'caller') {
      const at = value.lastIndexOf(':');
      file = value.slice(0, at);
      line = Number(value.slice(at + 1));
    }
  }
  if (file === undefined) return undefined;
  return {
    path: file.replace(/\\/g, '/').replace(/^\.?\//, ''),
    line,
    column: 0,
    call: fn ?? '',
    confidence: 1,
    why: 'the log line names its code location',
  };
}
