// A line is asked of the patterns that need a context word only where stage one's context search
// matches it (DetectorSet.lineMatching). That gate must change only the time: on every fixture
// line and detector example, stage two finds what asking every pattern finds.
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.js';
import { createDetectorSet } from '../../src/engine/detector-set.js';
import { detect } from '../../src/engine/detect.js';
import { detectInputOf, lineFieldsOf } from '../../src/engine/analyze-line.js';
import { exampleTexts, fixtureLines } from './fixture-lines.js';

const set = createDetectorSet(detectors);
const lines = [...fixtureLines, ...exampleTexts].filter((line) => line.length > 0);
const isRequired = (i: number) => set.patterns[i]!.spec.context === 'required';

describe('line matching', () => {
  it('asks the required patterns of some lines only, and the others of every line', () => {
    let gated = 0;
    let asked = 0;
    for (const line of lines) {
      const all = set.lineSet.matching(line);
      const { patterns } = set.lineMatching(Buffer.from(line));
      expect(patterns).toEqual([...patterns].sort((a, b) => a - b));
      expect(patterns.filter((i) => !isRequired(i))).toEqual(all.filter((i) => !isRequired(i)));
      const required = all.filter(isRequired);
      expect(patterns.filter(isRequired)).toEqual(patterns.some(isRequired) ? required : []);
      if (required.length > 0 && !patterns.some(isRequired)) gated++;
      if (patterns.some(isRequired)) asked++;
    }
    expect(gated).toBeGreaterThan(50);
    expect(asked).toBeGreaterThan(50);
  });

  it('finds on every line what asking every pattern finds', () => {
    let found = 0;
    for (const line of lines) {
      const input = { text: line, line: 1, bytes: Buffer.from(line) };
      const fields = lineFieldsOf(input);
      const gated = detect(set, detectInputOf(input, fields, { patterns: set.lineMatching(line).patterns }));
      const everyPattern = detect(set, detectInputOf(input, fields, { patterns: set.lineSet.matching(line) }));
      expect(gated, line).toEqual(everyPattern);
      found += gated.length;
    }
    expect(found).toBeGreaterThan(lines.length / 4);
  });

  it('says whether a line has a key named for a PII kind, as the key pattern does', () => {
    const hasKey = (line: string) => set.fieldKeyPattern.matchAll(line).length > 0;
    const keyed = lines.filter(hasKey);
    expect(keyed.length).toBeGreaterThan(10);
    for (const line of lines) expect(set.lineMatching(line).fieldKeys, line).toBe(hasKey(line));
  });
});
