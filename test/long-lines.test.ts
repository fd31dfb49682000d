// Long lines: the same matches, locations and samples as short ones, whatever their length.
import { describe, expect, it } from 'vitest';
import { compileTextPattern, LONG_TEXT } from '../src/engine/regex.js';

/** Segments with one-, two-, three- and four-byte characters, some holding an email. */
const SEGMENTS = ['k1=v1 ', 'café=é ', 'note="中文" ', 'mood=😀 ', 'to=ana.lópez@example.com ', 'x=😀b@example.org; ', 'plain '];

function longText(minLength: number): { text: string; starts: number[] } {
  let text = '';
  const starts: number[] = [];
  for (let i = 0; text.length <= minLength; i++) {
    starts.push(text.length);
    text += SEGMENTS[i % SEGMENTS.length]!;
  }
  return { text, starts };
}

describe('text patterns on long texts', () => {
  const patterns = [String.raw`[\p{L}\p{N}._%+-]+@[a-z0-9.-]+\.[a-z]{2,}`, String.raw`(?P<key>[\p{L}_]+)=(?P<value>[^\s;]+)`];

  it.each(patterns)('gives each match of %s where a short text gives it, in UTF-16 units', (source) => {
    const pattern = compileTextPattern(source);
    const { text, starts } = longText(3 * LONG_TEXT);
    const expected = starts.flatMap((start, i) =>
      pattern.matchAll(SEGMENTS[i % SEGMENTS.length]!).map((m) => ({ ...m, index: m.index + start, valueIndex: m.valueIndex + start })),
    );
    const found = pattern.matchAll(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(expected);
    expect(pattern.matchAll(text, Buffer.from(text))).toEqual(expected);
    for (const m of found) expect(text.slice(m.valueIndex, m.valueIndex + m.value.length)).toBe(m.value);
  });
});
