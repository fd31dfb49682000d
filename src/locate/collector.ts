/**
 * Traces per subject: every one counted, the first `maxLocations` (in location order) kept, so a
 * subject found in every row of a large table costs a count, not a list. A unit's traces are
 * collected where it is read (here or on a worker thread) and merged into the run's in plan order:
 * the first `maxLocations` of the run are among the first `maxLocations` of some unit.
 */
import { compareTraces, type Trace } from './trace.js';

export interface SubjectTraces {
  count: number;
  /** Forms it was found in, each with its count. */
  forms: Map<string, number>;
  traces: Trace[];
}

/** What one unit found: per subject index, its traces (as entries, so that they cross threads). */
export type UnitTraces = Array<[number, SubjectTraces]>;

export interface TraceCollector {
  add(subject: number, trace: Trace): void;
  /** Adds what a unit found. */
  merge(found: UnitTraces): void;
  /** The traces of a subject, sorted; undefined when none was found. */
  of(subject: number): SubjectTraces | undefined;
  /** Every subject's traces, each sorted and cut to `maxLocations`. */
  entries(): UnitTraces;
}

export function createTraceCollector(maxLocations: number): TraceCollector {
  const limit = maxLocations === 0 ? Infinity : maxLocations;
  const bySubject = new Map<number, SubjectTraces>();
  const cut = (found: SubjectTraces) => (found.traces = found.traces.sort(compareTraces).slice(0, limit));
  const entry = (subject: number) => {
    let found = bySubject.get(subject);
    if (found === undefined) bySubject.set(subject, (found = { count: 0, forms: new Map(), traces: [] }));
    return found;
  };
  return {
    add(subject, trace) {
      const found = entry(subject);
      found.count++;
      found.forms.set(trace.form, (found.forms.get(trace.form) ?? 0) + 1);
      found.traces.push(trace);
      // Sorted and cut back only now and then: adding stays cheap.
      if (found.traces.length >= 2 * limit + 64) cut(found);
    },
    merge(unit) {
      for (const [subject, { count, forms, traces }] of unit) {
        const found = entry(subject);
        found.count += count;
        for (const [form, n] of forms) found.forms.set(form, (found.forms.get(form) ?? 0) + n);
        found.traces.push(...traces);
        if (found.traces.length >= 2 * limit + 64) cut(found);
      }
    },
    of(subject) {
      const found = bySubject.get(subject);
      if (found !== undefined) cut(found);
      return found;
    },
    entries() {
      for (const found of bySubject.values()) cut(found);
      return [...bySubject];
    },
  };
}
