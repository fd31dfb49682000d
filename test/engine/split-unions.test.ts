// A stage-one union or a line set that is slow on the text it meets is split (the union of every
// pattern into its groups, a group or a set into halves), searched apart from then on. The split
// must change only the time: forced at every call here, it must give the lines and pattern indexes
// that the whole union and set give.
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.js';
import { createDetectorSet } from '../../src/engine/detector-set.js';
import { NEVER_SPLIT, compileByteScanner, compilePatternSet, toLooseSource } from '../../src/engine/regex.js';
import { exampleTexts, fixtureLines } from './fixture-lines.js';

const set = createDetectorSet(detectors);
const lines = [...fixtureLines, ...exampleTexts];
const chunks = Array.from({ length: Math.ceil(lines.length / 40) }, (_, i) =>
  Buffer.from(lines.slice(i * 40, i * 40 + 40).join('\n') + '\n'),
);

const never = NEVER_SPLIT;
// Windows of one call, always slow.
const always = { windowCalls: 1, windowUnits: Infinity, nsPerCall: 0, nsPerUnit: 0 };

describe('unions split when slow', () => {
  it('uses chunks that stage one flags lines in', () => {
    const whole = compileByteScanner(set.scannerGroups, never);
    expect(chunks.filter((c) => whole.lineStarts(c).length > 0).length).toBeGreaterThan(chunks.length / 2);
  });

  it('finds the same candidate lines and next matches, split down to single patterns', () => {
    const whole = compileByteScanner(set.scannerGroups, never);
    const split = compileByteScanner(set.scannerGroups, always);
    // Every chunk twice: each union is split at its second search, its halves at theirs, and so on.
    for (const chunk of [...chunks, ...chunks]) {
      expect(split.lineStarts(chunk)).toEqual(whole.lineStarts(chunk));
      for (const from of [0, chunk.indexOf(0x0a) + 1]) expect(split.next(chunk, from)).toBe(whole.next(chunk, from));
    }
    const patterns = set.scannerGroups.reduce((sum, group) => sum + group.length, 0);
    expect(whole.passes()).toBe(1);
    expect(split.passes()).toBe(patterns);
  });

  it('gives the line set the same pattern indexes, in ascending order', () => {
    const sources = set.patterns.map((p) => toLooseSource(p.spec.regex));
    const whole = compilePatternSet(sources, never);
    const split = compilePatternSet(sources, always);
    let found = 0;
    for (const line of [...lines, ...lines]) {
      const expected = whole.matching(line);
      found += expected.length;
      expect(split.matching(Buffer.from(line)), line).toEqual(expected);
    }
    expect(found).toBeGreaterThan(lines.length / 4);
    expect(whole.passes()).toBe(1);
    expect(split.passes()).toBe(sources.length);
  });

  it('splits only after two slow windows, the first call only starting the clock', () => {
    const chunk = chunks[0]!;
    // A window closed by bytes: one chunk each. The union of all splits into the two groups first.
    const scanner = compileByteScanner(set.scannerGroups, { ...never, windowUnits: chunk.length });
    const scannerPasses = [1, 2, 3, 4, 5, 6].map(() => (scanner.lineStarts(chunk), scanner.passes()));
    expect(scannerPasses).toEqual([1, 1, 2, 2, 2, 4]);
    // A window closed by calls: two each.
    const lineSet = compilePatternSet(['a', 'b', 'c'], { ...never, windowCalls: 2 });
    const setPasses = [1, 2, 3, 4, 5, 6].map(() => (lineSet.matching('abc'), lineSet.passes()));
    expect(setPasses).toEqual([1, 1, 1, 1, 2, 2]);
    // One call in four timed, standing for four: windows of eight calls close at every second one.
    const sampled = compilePatternSet(['a', 'b', 'c'], { ...never, windowCalls: 8, sampleEvery: 4 });
    const sampledPasses = Array.from({ length: 24 }, () => (sampled.matching('abc'), sampled.passes()));
    expect(sampledPasses.indexOf(2)).toBe(19);
  });

  it('splits, with the default timer, a union whose DFA no longer fits, and not a fast one', () => {
    // `a[ab]{20}c` over random a/b text needs 2^20 DFA states: RE2 falls back to its slow engine.
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const text = Buffer.from(
      Array.from({ length: 256 * 1024 }, (_, i) => (i % 80 === 79 ? '\n' : random() < 0.5 ? 'a' : 'b')).join(''),
    );
    const slow = compileByteScanner([['a[ab]{20}c', 'foo']]);
    const fast = compileByteScanner([['abc', 'foo']]);
    for (let i = 0; i < 4; i++) {
      slow.lineStarts(text);
      fast.lineStarts(text);
    }
    expect([slow.passes(), fast.passes()]).toEqual([2, 1]);
  });

  // The fixture lines and examples repeated: PII on most lines, where the union of every pattern
  // no longer fits RE2's DFA memory and its groups do.
  const text = lines.filter((line) => !line.includes('\r'));
  const dense: string[] = [];
  for (let i = 0, length = 0; length < 300 * 1024; i++)
    length += dense[dense.push(text[i % text.length]!) - 1]!.length + 1;
  const denseBuffer = Buffer.from(dense.join('\n') + '\n');

  it('hands the unions a large buffer in slices of whole lines, finding the lines each line alone gives', () => {
    const groups = set.scannerGroups.map((group) => compileByteScanner([group], never));
    const expected: number[] = [];
    let at = 0;
    for (const line of dense) {
      if (groups.some((g) => g.lineStarts(Buffer.from(line + '\n')).length > 0)) expected.push(at);
      at += Buffer.byteLength(line) + 1;
    }
    expect(expected.length).toBeGreaterThan(dense.length / 4);
    const split = compileByteScanner(set.scannerGroups, always);
    expect(split.lineStarts(denseBuffer)).toEqual(expected);
    // Split into its groups between slices: lines found before and after the split alike.
    expect(split.passes()).toBe(2);
  });

  it('splits, with the default timer, the union of every pattern over PII-dense text within its first slices', () => {
    const scanner = createDetectorSet(detectors).scanner;
    const started = performance.now();
    expect(scanner.lineStarts(denseBuffer).length).toBeGreaterThan(dense.length / 4);
    expect(scanner.passes()).toBe(2);
    // A union left unsplit takes seconds over this text; split after three slices, well under one.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
