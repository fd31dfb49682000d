// Traces per subject: every one counted, the first `maxLocations` in location order kept, whether
// they come one by one (in any order) or as units merged.
import { describe, expect, it } from 'vitest';
import { createTraceCollector } from '../../src/locate/collector.js';
import { compareTraces, type Trace } from '../../src/locate/trace.js';

const trace = (location: string, line: number, form = 'plaintext'): Trace => ({
  identifier: 'email',
  form,
  kind: 'file',
  location,
  line,
});

/** 600 traces over three files, shuffled by a fixed permutation. */
const traces = Array.from({ length: 600 }, (_, i) =>
  trace(`f${i % 3}.log`, (i * 7919) % 600, i % 5 ? 'plaintext' : 'url-encoded'),
);
const expected = [...traces].sort(compareTraces).slice(0, 5);

describe('trace collector', () => {
  it('keeps the first traces in location order and counts every one, added one by one', () => {
    const collector = createTraceCollector(5);
    for (const t of traces) collector.add(7, t);
    const found = collector.of(7)!;
    expect(found.count).toBe(600);
    expect(Object.fromEntries(found.forms)).toEqual({ plaintext: 480, 'url-encoded': 120 });
    expect(found.traces).toEqual(expected);
    expect(collector.of(8)).toBeUndefined();
  });

  it('gives the same when units are merged, a subject first found in a later unit included', () => {
    const units = [0, 1, 2].map(() => createTraceCollector(5));
    traces.forEach((t, i) => units[i % 3]!.add(7, t));
    units[2]!.add(9, trace('g.log', 1));
    const run = createTraceCollector(5);
    for (const unit of units) run.merge(unit.entries());
    expect(run.of(7)!.count).toBe(600);
    expect(run.of(7)!.traces).toEqual(expected);
    expect(run.of(9)).toEqual({ count: 1, forms: [['plaintext', 1]], traces: [trace('g.log', 1)] });
    expect(run.entries().map(([subject]) => subject)).toEqual([7, 9]);
  });

  it('keeps every trace when there is no limit', () => {
    const collector = createTraceCollector(0);
    for (const t of traces) collector.add(1, t);
    expect(collector.of(1)!.traces).toEqual([...traces].sort(compareTraces));
  });
});
