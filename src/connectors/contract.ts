/**
 * The Connector contract: every source is plan() and read(). plan() turns a target into work
 * units; read() streams one unit's records into a sink and says what it read. The runner
 * schedules units without knowing what kind of source they came from, so a new source is one
 * folder, one registry line and its tests (docs/adding-a-source.md).
 */
import type { SourceError } from '../errors/source-error.js';
import type { ObjectCoverage, ScanRecord, Skipped, TableCoverage } from './records.js';

/**
 * One unit of work: what one read() call covers (a file, an object, a table). Plain JSON, so it
 * can be sent to a worker thread or, later, to another machine.
 */
export interface WorkUnit {
  /**
   * Stable id: the same for the same data on every run and machine (the connector's name and the
   * unit's location, never a credential). The runner reads a unit once even when two targets plan it.
   */
  id: string;
  /** Name of the connector that reads it (its registry entry). */
  connector: string;
  /** The target (as reports show it) the unit was planned from. */
  target: string;
  /** What error lines about this unit name (a file's shown path, an object's URI, `db schema.table`). */
  source: string;
  /** Estimated size: bytes of text (compressed files counted inflated) or rows. */
  size: { bytes: number } | { rows: number };
  /**
   * Units of one group (the key ranges of one table) whose column verdicts are decided over all of
   * them together: the group's id (the table's). Absent for a unit read whole.
   */
  group?: string;
}

/** Where read() hands its records. */
export interface RecordSink {
  /**
   * Takes a record. Its bytes may move to another thread, so the caller does not read them again.
   * Returns the matches kept from it when it was scanned here (for progress), else 0.
   */
  scan(record: ScanRecord): number;
  /** A promise while too many records wait to be scanned: a reader awaits it between reads. */
  wait(): Promise<void> | undefined;
}

/**
 * What reading a unit (or planning a target) came to: one shape for every source. The runner adds
 * these up in unit order into the report's coverage and errors.
 */
export interface SourceResult {
  /** Text files (or objects) read; a binary one is `skipped` instead. */
  files: number;
  /** Bytes scanned, after decompression. */
  bytes: number;
  lines: number;
  /** Lines longer than the line limit, scanned in pieces. */
  longLines: number;
  /** Rows read, for a table: the unit's findings report it as `rowsScanned`. */
  rows?: number;
  skipped: Skipped[];
  tables: TableCoverage[];
  objects: ObjectCoverage[];
  errors: SourceError[];
  /** Whether anything was read: a target none of whose units read anything is an error of its own. */
  read: boolean;
  /**
   * Binary files this source could not read as text (`path` as shown, `file` absolute): another
   * source may read them (a database file met in a folder walk); else they are skipped as binary.
   */
  opaque?: Array<{ path: string; file: string }>;
}

/** A SourceResult with nothing in it, to fill in. */
export function emptyResult(): SourceResult {
  return { files: 0, bytes: 0, lines: 0, longLines: 0, skipped: [], tables: [], objects: [], errors: [], read: false };
}

/** Called as a unit is read: bytes of text read and matches kept since the last call. */
export type OnRead = (bytes: number, matches: number) => void;

/**
 * A source. `S` is the settings every connector is given (the registry's `SourceSettings`), `U`
 * its own work unit.
 */
export interface Connector<U extends WorkUnit = WorkUnit, S = unknown> {
  /** Registry name, also each unit's `connector`. */
  name: string;
  /** Whether a target as given is this source's. The registry asks in order; files come last. */
  claims(target: string): boolean;
  /** The target as reports show it: credentials masked. */
  display(target: string): string;
  /**
   * The target's units, in the order their results are merged. Its return value is what planning
   * itself found (items skipped, listing errors, what could not be reached). A failure the
   * connector does not describe becomes one error line for the target.
   */
  plan(target: string, settings: S): AsyncGenerator<U, SourceResult>;
  /**
   * Streams a unit's records into the sink. Describes its own failures in the result's errors,
   * keeping what was read before them; never writes to the source.
   */
  read(unit: U, sink: RecordSink, settings: S, onRead?: OnRead): Promise<SourceResult>;
  /**
   * How units use worker threads: `unit` sends the unit to a worker, which reads and scans it
   * (files, objects); `records` reads it on this thread and sends the records to a worker
   * (tables, whose connections stay here).
   */
  threads: 'unit' | 'records';
  /** Units read at the same time without worker threads (connections, requests in flight). */
  lanes(settings: S): number;
  /**
   * For a binary file met under another target (a folder walk): the target this source reads it
   * as (`sqlite:///abs/app.db`), or undefined when it is not this source's.
   */
  claimsFile?(file: string): Promise<string | undefined>;
  /** Releases what plan() and read() opened for a target (connections, clients). */
  close?(target: string): Promise<void>;
  /** Why a target that read nothing fails: what the user should check. */
  nothingRead: string;
  /** What its units are, as reports count them. */
  units: 'files' | 'objects' | 'tables';
  /** URL schemes it reads (`postgres`, `s3`); none for files. Shown in usage errors, checked in the config. */
  schemes: readonly string[];
  /** A usage error for a target of its scheme that cannot be read as given (no bucket, a URL that does not parse). */
  check?(target: string): string | undefined;
  /**
   * Which sites a target covers, read from site URIs the way this connector writes them, so that
   * `baseline --prune` of some targets removes only stale entries of sites under them.
   * `targets` are all the targets given; `files` says how file URIs are rooted.
   */
  scope?(target: string, targets: readonly string[], files: { cwd: string; root?: string }): Promise<SiteScope>;
}

/** Whether a site (its kind and URI) lies under a target. */
export type SiteScope = (site: { kind: string; uri: string }) => boolean;
