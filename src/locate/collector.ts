/**
 * Traces per subject: every one counted, the first `maxLocations` (in location order) kept, so a
 * subject found in every row of a large table costs a count, not a list. A unit's traces are
 * collected where it is read (here or on a worker thread) and merged into the run's in plan order:
 * the first `maxLocations` of the run are among the first `maxLocations` of some unit.
 */
import { compareTraces, type Trace } from './trace.js';

export interface SubjectTraces {
  count: number;
  /**
   * Forms it was found in, each with its count: pairs in a small array, as a subject is found in
   * one form or a few, and a Map per subject weighed more than its traces when most were found.
   */
  forms: Array<[string, number]>;
  traces: Trace[];
}

/** Adds `n` to a form's count. */
function countForm(forms: Array<[string, number]>, form: string, n: number): void {
  const pair = forms.find(([f]) => f === form);
  if (pair) pair[1] += n;
  else forms.push([form, n]);
}

/** What one unit found: per subject index, its traces (as entries, so that they cross threads). */
export type UnitTraces = Array<[number, SubjectTraces]>;

export interface TraceCollector {
  add(subject: number, trace: Trace): void;
  /** Adds what a unit found, taking over its lists (the unit's collector is done with them). */
  merge(found: UnitTraces): void;
  /** The traces of a subject, sorted; undefined when none was found. */
  of(subject: number): SubjectTraces | undefined;
  /** Every subject's traces, each sorted and cut to `maxLocations`. */
  entries(): UnitTraces;
}

export function createTraceCollector(maxLocations: number): TraceCollector {
  const limit = maxLocations === 0 ? Infinity : maxLocations;
  const bySubject = new Map<number, SubjectTraces>();
  // The last trace a full subject keeps: a trace that sorts after it is counted and not kept, so
  // that a subject found in every row of a table does not fill memory with traces to drop.
  const lastKept = new WeakMap<SubjectTraces, Trace>();
  const cut = (found: SubjectTraces) => {
    found.traces = found.traces.sort(compareTraces).slice(0, limit);
    if (found.traces.length === limit) lastKept.set(found, found.traces[limit - 1]!);
  };
  const keep = (found: SubjectTraces, trace: Trace) => {
    const last = lastKept.get(found);
    if (last !== undefined && compareTraces(trace, last) >= 0) return;
    found.traces.push(trace);
    // Sorted and cut back only now and then: adding stays cheap.
    if (found.traces.length >= 2 * limit + 64) cut(found);
  };
  return {
    add(subject, trace) {
      const found = bySubject.get(subject);
      // Most subjects are found once: arrays of one, where a push onto an empty array reserves room for many.
      if (found === undefined) bySubject.set(subject, { count: 1, forms: [[trace.form, 1]], traces: [trace] });
      else {
        found.count++;
        countForm(found.forms, trace.form, 1);
        keep(found, trace);
      }
    },
    merge(unit) {
      for (const [subject, given] of unit) {
        // A unit's traces are handed over, not shared: a subject first found here takes them as they are.
        const found = bySubject.get(subject);
        if (found === undefined) {
          bySubject.set(subject, given);
          continue;
        }
        const { count, forms, traces } = given;
        found.count += count;
        for (const [form, n] of forms) countForm(found.forms, form, n);
        for (const trace of traces) keep(found, trace);
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
