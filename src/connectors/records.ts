/** What connectors hand the engine (records and where they came from) and what they report of what they read. */

/** Every kind of site, for what validates sites (the baseline's schema). */
export const SITE_KINDS = ['file', 'column', 'object'] as const;

export type SiteKind = (typeof SITE_KINDS)[number];

/** An item not scanned on purpose (binary, empty folder, excluded). */
export interface Skipped {
  path: string;
  reason: string;
}

/** What was read under one S3 target. */
export interface ObjectCoverage {
  /** `s3://bucket/prefix` as given. */
  source: string;
  objectsListed: number;
  objectsScanned: number;
  /** Object groups (keys that differ only by dates, partitions, numbers or ids). */
  groups: number;
  /** Bytes scanned, after decompression. */
  bytes: number;
  /** True when some group had more objects than `sampleObjects`. */
  sampled: boolean;
  /** Objects read per group; 0 reads all. */
  sampleObjects: number;
  seed: number;
  /** Objects not scanned, counted by reason. */
  skipped: Record<string, number>;
}

/** An object source's coverage before anything is listed: nothing counted, `sample` as planned (none by default). */
export function toObjectCoverage(
  source: string,
  sample: Pick<ObjectCoverage, 'sampleObjects' | 'seed'> = { sampleObjects: 0, seed: 0 },
): ObjectCoverage {
  const { sampleObjects, seed } = sample;
  return {
    source,
    objectsListed: 0,
    objectsScanned: 0,
    groups: 0,
    bytes: 0,
    sampled: false,
    sampleObjects,
    seed,
    skipped: {},
  };
}

/** What was read of one database table. */
export interface TableCoverage {
  /** The database URL without password. */
  source: string;
  /** `schema.table`. */
  table: string;
  rowsEstimated: number;
  rowsScanned: number;
  sampled: boolean;
  /** `full`, or the sampling clause with its percentage and seed. */
  method: string;
  seed: number;
  /** Columns not read: their type holds no PII (uuid, dates, booleans), or they were excluded. */
  skippedColumns: number;
  /** Binary values that were not valid UTF-8. */
  skippedValues: number;
  /**
   * Set when the scanning user may not read some of the table: the columns it may not SELECT
   * (every one when `method` is `not read: permission denied`) and the GRANT that would let it.
   */
  denied?: { columns: string[]; grant: string };
  /** Key (or ctid) ranges the table was read as, when it was split: rows and values are their sums. */
  ranges?: number;
}

/**
 * What every connector streams: bytes with where they came from. `lines`: whole lines of a file
 * (a chunk, or a piece of an over-long line), numbered from `firstLine`. `values`: a batch of one
 * column's values, one per line (newlines inside a value become spaces), each with its row number.
 */
export type ScanRecord =
  | { origin: RecordOrigin; kind: 'lines'; data: Buffer; firstLine: number; piece?: LinePiece }
  | {
      origin: RecordOrigin;
      kind: 'values';
      /** The values joined by newlines, as UTF-8: a value's own line ends are spaces here. */
      data: Buffer;
      /** The values as strings, when the connector had them; valuesOf() makes them from `data` otherwise. */
      values?: string[];
      /**
       * 1-based row number of each value, in order (typed when a batch was built for a worker
       * thread, which then gets its memory).
       */
      rows: ArrayLike<number>;
      /** The column (or CSV header) name: context for every value. */
      hint: string;
      /** Database rows: the primary key of each row of the batch, when the table has one. */
      keys?: RowKeys;
      /** Database rows: each row's timestamp column, when retention names one for the table. */
      dates?: RowDates;
    };

/**
 * The primary keys of consecutive rows: row `firstRow + i` has the key `values[i]` (its columns'
 * values joined by a tab when the key has several).
 */
export interface RowKeys {
  /** The key's columns. */
  columns: string[];
  firstRow: number;
  values: string[];
}

/** The timestamps of consecutive rows: row `firstRow + i` was written at `values[i]` (epoch ms, NaN for NULL). */
export interface RowDates {
  firstRow: number;
  values: number[];
}

/** A row's primary key, column by column, or undefined when the batch has no key for it. */
export function keyOfRow(keys: RowKeys | undefined, row: number): Record<string, string> | undefined {
  const value = keys?.values[row - keys.firstRow];
  if (keys === undefined || value === undefined) return undefined;
  const parts = keys.columns.length === 1 ? [value] : value.split('\t');
  return Object.fromEntries(keys.columns.map((c, i) => [c, parts[i] ?? '']));
}

/**
 * A piece of a line longer than the reader's limit (`data` holds no line end). Neighbouring pieces
 * overlap, so a match across a cut is whole in one of them; each reports the matches that start in
 * its own part.
 */
export interface LinePiece {
  /** UTF-16 units of the line before `data`: added to every column. */
  column: number;
  /** Bytes at the start of `data` that belong to the piece before. */
  before: number;
  /** Bytes at the end of `data` that belong to the piece after. */
  after: number;
  /** The line's first bytes: every piece takes its template from them, so a line is one site. */
  head: Buffer;
}

/** Where a record came from, as ownership and aggregation need it. */
export interface RecordOrigin {
  /** What kind of site records from here aggregate into. */
  siteKind: SiteKind;
  /** Path (files) or location (tables, objects) shown in a finding's locations. */
  path: string;
  /** What the connector opens: for files, the absolute path. */
  source: string;
  /** Location URI of this file or object, which ownership rules match (`file://logs/orders/app.log.1`). */
  uri: string;
  /** Site URI: the group the location belongs to (`file://logs/orders/app.log*`). */
  siteUri: string;
  /**
   * Service from the layout (a file's nearest folder that is not a date, number or id), used when
   * nothing else names one.
   */
  defaultService: string;
  /** The target (as given) this record was found under, for per-source coverage. */
  target: string;
  /** For the values of one JSON path of a JSON document: that path, the site's JSON path. */
  jsonPath?: string;
  /** When the file or object was last written (ISO 8601), when the source says: a date for retention. */
  modifiedAt?: string;
  /**
   * Columns of a table read as key ranges: the table's unit group (WorkUnit.group). Their verdicts
   * wait until every range is read (src/sites/pending-columns.ts).
   */
  group?: string;
}
