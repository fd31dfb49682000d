// A stage-one union or a line set that is slow on the text it meets is split into halves, searched
// apart from then on. The split must change only the time: forced at every call here, it must
// give the lines and pattern indexes that the whole union and set give.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.js';
import { createDetectorSet } from '../../src/engine/detector-set.js';
import { NEVER_SPLIT, compileByteScanner, compilePatternSet, toLooseSource } from '../../src/engine/regex.js';
import { ROOT } from '../helpers.js';

const set = createDetectorSet(detectors);
const lines = [
  ...readdirSync(path.join(ROOT, 'fixtures/logs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(log|jsonl)$/.test(f))
    .flatMap((f) => readFileSync(path.join(ROOT, 'fixtures/logs', f), 'utf8').split('\n')),
  ...detectors.flatMap((d) => [...d.examples.positive, ...d.examples.negative].map((e) => e.text)),
];
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
    expect(whole.passes()).toBe(set.scannerGroups.filter((g) => g.length > 0).length);
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

  it('splits only after two slow windows, and a window closes on bytes as well as on calls', () => {
    const twoBuffers = { windowCalls: Infinity, windowUnits: chunks[0]!.length, nsPerCall: 0, nsPerUnit: 0 };
    const scanner = compileByteScanner(set.scannerGroups, twoBuffers);
    scanner.lineStarts(chunks[0]!);
    expect(scanner.passes()).toBe(2);
    scanner.lineStarts(chunks[0]!);
    expect(scanner.passes()).toBe(4);
    const lineSet = compilePatternSet(['a', 'b', 'c'], {
      windowCalls: 2,
      windowUnits: Infinity,
      nsPerCall: 0,
      nsPerUnit: 0,
    });
    for (let i = 0; i < 3; i++) lineSet.matching('abc');
    expect(lineSet.passes()).toBe(1);
    lineSet.matching('abc');
    expect(lineSet.passes()).toBe(2);
  });
});
