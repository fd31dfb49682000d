// A pattern's loose twin (Unicode property classes widened to every non-ASCII character) stands in
// for it on ASCII text and as a prefilter: on ASCII text it must match exactly what the pattern
// does, and elsewhere at least that.
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.js';
import { compileTextPattern, toLooseSource } from '../../src/engine/regex.js';
import { exampleTexts, fixtureLines } from './fixture-lines.js';

describe('toLooseSource', () => {
  it.each([
    [String.raw`\p{Lu}\p{Ll}+`, String.raw`[A-Z\x{80}-\x{10FFFF}][a-z\x{80}-\x{10FFFF}]+`],
    [String.raw`[\p{L}\p{N}._-]`, String.raw`[A-Za-z\x{80}-\x{10FFFF}0-9\x{80}-\x{10FFFF}._-]`],
    [String.raw`\pL\pN`, String.raw`[A-Za-z\x{80}-\x{10FFFF}][0-9\x{80}-\x{10FFFF}]`],
    // In a negated class the ASCII members alone let more through.
    [String.raw`[^\p{L}\s]`, String.raw`[^A-Za-z\s]`],
    // A `]` right after `[` or `[^` is a member; an escaped `[` does not open a class.
    [
      String.raw`[]\p{L}][^]\p{L}][\[]\p{L}`,
      String.raw`[]A-Za-z\x{80}-\x{10FFFF}][^]A-Za-z][\[][A-Za-z\x{80}-\x{10FFFF}]`,
    ],
    // Left as written: other properties, negated properties, quoted text, escaped backslashes.
    [String.raw`\p{Greek}\P{L}\p{^L}\Q\p{L}\E\\p{L}`, String.raw`\p{Greek}\P{L}\p{^L}\Q\p{L}\E\\p{L}`],
    [String.raw`[[:alpha:]\p{L}]`, String.raw`[[:alpha:]A-Za-z\x{80}-\x{10FFFF}]`],
  ])('%s becomes %s', (source, loose) => {
    expect(toLooseSource(source)).toBe(loose);
  });

  const withClasses = detectors.flatMap((d) => d.patterns).filter((p) => toLooseSource(p.regex) !== p.regex);

  it('has detector patterns to stand in for (the checks below cover them)', () => {
    expect(withClasses.map((p) => p.name)).toEqual(expect.arrayContaining(['email.address', 'person_name.name']));
  });

  const texts = [
    ...new Set([
      ...fixtureLines,
      ...exampleTexts,
      'Dear Zoë Müller, your order shipped',
      'customer: Łukasz Nowak — café №5',
      'contact jürgen.weiß@example.com or 山田@example.com',
      'name=José Ñúñez address=Straße 5',
    ]),
  ];
  const ascii = texts.filter((t) => Buffer.byteLength(t) === t.length);
  const nonAscii = texts.filter((t) => Buffer.byteLength(t) !== t.length);
  const all = (re: RE2, text: string) => [...text.matchAll(re)].map((m) => [m.index, m[0]]);

  it('uses ASCII and non-ASCII texts', () => {
    expect(ascii.length).toBeGreaterThan(100);
    expect(nonAscii.length).toBeGreaterThan(3);
  });

  it.each(withClasses.map((p) => [p.name, p.regex]))(
    '%s: the twin matches the same on ASCII text',
    (_, regex) => {
      const [loose, exact] = [new RE2(toLooseSource(regex), 'gu'), new RE2(regex, 'gu')];
      for (const text of ascii) expect(all(loose, text), text).toEqual(all(exact, text));
      // The exact person_name pattern is slow on thousands of lines: the reason for its twin.
    },
    60_000,
  );

  it.each(withClasses.map((p) => [p.name, p.regex]))(
    '%s: elsewhere the twin matches at least where the pattern does, and text patterns keep the exact matches',
    (_, regex) => {
      const [loose, exact] = [new RE2(toLooseSource(regex), 'u'), new RE2(regex, 'gu')];
      const pattern = compileTextPattern(regex);
      for (const text of nonAscii) {
        for (const [, match] of all(exact, text)) expect(loose.test(match as string), text).toBe(true);
        expect(
          pattern.matchAll(text).map((m) => [m.index, m.text]),
          text,
        ).toEqual(all(exact, text));
      }
    },
  );
});
