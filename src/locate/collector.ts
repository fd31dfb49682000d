/**
 * Traces per subject: every one counted, the first `maxLocations` (in location order) kept, so a
 * subject found in every row of a large table costs a count, not a list.
 */
import { compareTraces, type Trace } from './trace.js';

export interface SubjectTraces {
  count: number;
  /** Forms it was found in, each with its count. */
  forms: Map<string, number>;
  traces: Trace[];
}

export interface TraceCollector {
  add(subject: number, trace: Trace): void;
  /** The traces of a subject, sorted; undefined when none was found. */
  of(subject: number): SubjectTraces | undefined;
}

export function createTraceCollector(maxLocations: number): TraceCollector {
  const limit = maxLocations === 0 ? Infinity : maxLocations;
  const bySubject = new Map<number, SubjectTraces>();
  return {
    add(subject, trace) {
      let found = bySubject.get(subject);
      if (found === undefined) bySubject.set(subject, (found = { count: 0, forms: new Map(), traces: [] }));
      found.count++;
      found.forms.set(trace.form, (found.forms.get(trace.form) ?? 0) + 1);
      found.traces.push(trace);
      // Sorted and cut back only now and then: adding stays cheap.
      if (found.traces.length >= 2 * limit + 64) found.traces = found.traces.sort(compareTraces).slice(0, limit);
    },
    of(subject) {
      const found = bySubject.get(subject);
      if (found !== undefined) found.traces = found.traces.sort(compareTraces).slice(0, limit);
      return found;
    },
  };
}
