/**
 * The locate report: the evidence of an access or erasure request. What was searched (sources,
 * tables, rows, files, objects), the forms tried, when, and per subject where its identifiers
 * were found. Subjects are named by their ref or an HMAC; no identifier is ever in it.
 */
import type { Coverage } from '../runner/coverage.js';
import type { SourceError } from '../errors/source-error.js';
import type { Trace } from './trace.js';

/** `absent`: the subject's identifiers were found nowhere read; `found`: they were. */
export type SubjectResult = 'absent' | 'found';

/** What was found of one subject. */
export interface SubjectReport {
  /** The subject's ref, or `hmac:` and 16 hex digits of an HMAC of its identifiers. */
  subject: string;
  /** Kinds of the identifiers searched for (`email`, `phone`, ...), never their values. */
  identifiers: string[];
  result: SubjectResult;
  /** Places found, all of them (the locations listed are the first `maxLocations`). */
  traces: number;
  /** Forms found, each with how many times. */
  forms: Record<string, number>;
  locations: Trace[];
}

/**
 * The verdict: `erased` (with `--expect absent`: nothing found and every source read), `traces
 * found`, or `incomplete` (a source could not be read: never erased).
 */
export type LocateVerdict = 'erased' | 'traces found' | 'incomplete' | 'located';

export interface LocateReport {
  tool: { name: 'piiscan'; version: string };
  command: 'locate';
  startedAt: string;
  finishedAt: string;
  /** Targets as given, credentials masked. */
  targets: string[];
  /** `absent` with `--expect absent`. */
  expect?: 'absent';
  verdict: LocateVerdict;
  /** How subjects are named: `ref` where given, else HMAC-SHA256 with the `--hash-key-env` key or a key of this run. */
  subjectNames: string;
  /** Every form searched for, of the identifier kinds given. */
  formsTried: string[];
  /** Locations listed per subject at most; 0 lists all. */
  maxLocations: number;
  coverage: Coverage;
  /**
   * With `--shard`: this report covers only this shard's units of the plan, and its verdict only
   * them; erasure is shown by every shard's report of the same plan (equal `plan`) being `erased`.
   */
  shard?: LocateShard;
  /** Sources (or parts) that could not be read: any makes the verdict `incomplete`. */
  errors: SourceError[];
  summary: { subjects: number; found: number; traces: number };
  subjects: SubjectReport[];
}

/** The report but its subjects: what comes before them, written first. */
export type LocateReportHead = Omit<LocateReport, 'subjects'>;

/** Which part of a sharded locate a report covers. */
export interface LocateShard {
  /** This shard's index (from 0) and the number of shards. */
  index: number;
  count: number;
  /** SHA-256 of the plan (every unit's id and size): equal in every shard of one run. */
  plan: string;
  /** Units in the whole plan, and those this shard read. */
  units: number;
  unitsRead: number;
}

/** The exit code: 2 when coverage is incomplete, 1 when a trace remains under `--expect absent`, else 0. */
export function toLocateExitCode(report: LocateReportHead): number {
  if (report.verdict === 'incomplete') return 2;
  return report.expect === 'absent' && report.verdict === 'traces found' ? 1 : 0;
}

/** Whether something planned was not read: errors, or objects skipped (too large, archived). */
export function isIncomplete(coverage: Coverage, errors: readonly SourceError[]): boolean {
  return errors.length > 0 || coverage.objects.some((o) => Object.values(o.skipped).some((n) => n > 0));
}
