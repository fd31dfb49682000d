/**
 * The contract between piiscan's stages: connectors produce records, the engine turns them into
 * occurrences and aggregates those into findings (leak sites), pipeline steps annotate findings,
 * and formatters turn a report into text. Types only.
 */

/** What kind of data a detector finds; reports group by it. */
export type Category = 'contact' | 'government_id' | 'financial' | 'network' | 'secret';

/** Privacy policies' split: government, financial and credential data is `sensitive`. */
export type Sensitivity = 'standard' | 'sensitive';

/** Direct identifiers name a person on their own (email, phone, national id, IP); indirect ones need more data. */
export type Identifier = 'direct' | 'indirect' | 'none';

/** The form a value is stored or logged in. Only `plaintext` is a leak. */
export const FORMS = ['plaintext', 'masked', 'hashed', 'tokenized', 'encrypted'] as const;
export type Form = (typeof FORMS)[number];

/** One RE2 pattern of a detector. */
export interface PatternSpec {
  /** Stable name, shown in a finding's evidence (`email.url_encoded`). */
  name: string;
  /** RE2 syntax. A group named `value` marks the value inside a longer match. */
  regex: string;
  /** Confidence (0..1) of a bare match before validator and context. */
  score: number;
  /** Set for patterns that only match an already-masked value. */
  form?: Form;
  /** `required`: only reported when a context word or field name is near (bare 9 digits as an SSN). */
  context?: 'required';
  /**
   * RE2 source that stage one (the byte scanner) runs instead of `regex`: it must match wherever
   * `regex` does. Worth it when `regex` has costly classes (`\p{L}`); default: `regex` itself.
   */
  prefilter?: string;
}

/** A positive example: text in which the detector must report `value` (or at least one match). */
export interface PositiveExample {
  text: string;
  /** The matched value, when the example checks it. */
  value?: string;
  /** Field name or column the text came from, when the example needs it. */
  hint?: string;
  /** Expected form; `plaintext` when omitted. */
  form?: Form;
}

/** A negative example: text in which the detector must report nothing, and why. */
export interface NegativeExample {
  text: string;
  /** Why this is not PII (`placeholder`, `fails Luhn`, `SSH remote`). */
  reason: string;
  hint?: string;
}

/** One detector: data plus small pure functions, one file each under detectors/. */
export interface Detector {
  id: string;
  description: string;
  category: Category;
  sensitivity: Sensitivity;
  identifier: Identifier;
  patterns: PatternSpec[];
  /** Words that raise confidence when they appear shortly before a match. Lowercase. */
  contextWords: string[];
  /** Field and column name words (tokens) that say a value is this kind of data. Lowercase. */
  fieldNames: string[];
  /** Turns the raw match into the value to validate and mask (URL-decoding, trimming). */
  normalize?: (raw: string) => string;
  /** A check the format defines (Luhn, mod-97, area rules). Returns a reason string when invalid. */
  validate?: (value: string, context: MatchContext) => ValidationResult;
  /**
   * For a column of whole values: an RE2 pattern that matches in every value that normalize()
   * could change or validate() could judge unlike another value. When no value of a batch matches
   * it, one value's verdict is every value's, and the values need not be read. It runs on the
   * values a line each; RE2 counts code points, which are fewer than UTF-16 code units in a value
   * with characters outside the BMP.
   */
  unusualValue?: string;
  /** Masks a normalized plaintext value for samples (`j***@example.com`). */
  mask: (value: string) => string;
  /**
   * For a database column not named for this kind (see `fieldNames`) whose plaintext matches come
   * by chance in values of other kinds (order numbers passing a phone check, versions that are
   * dotted quads): when the column is not reported. Absent: always reported.
   */
  column?: ColumnRule;
  examples: { positive: PositiveExample[]; negative: NegativeExample[] };
}

/** When a column not named for a detector's kind is not reported for it (see `Detector.column`). */
export interface ColumnRule {
  /**
   * Least share (0..1) of a column's non-empty values that must match when every match is a
   * whole value (a column of single tokens): a handful of order numbers passing a phone check is
   * not a phone column. Matches inside longer text (notes, messages) are reported at any share.
   */
  minShare: number;
  /** Column name words (tokens, pairs of tokens) that say the column holds another kind of data (`id`, `ref`, `version`). */
  otherKinds: readonly string[];
  /** Name words that say the values are not a person's even in a column named for the kind (`server_ip`, `dns_addr`). */
  notPersonal?: readonly string[];
}

/** What a validator sees besides the value. */
export interface MatchContext {
  /** Up to 48 characters before the match, lowercased. */
  before: string;
  /** Up to 16 characters after the match. */
  after: string;
}

/** A validator's answer: `valid` raises confidence, `invalid` drops the match, `none` has no opinion. */
export type ValidationResult = { status: 'valid'; check: string } | { status: 'invalid'; reason: string } | { status: 'none' };

/** Why an occurrence was reported; the best occurrence's evidence becomes the finding's. */
export interface Evidence {
  /** Pattern name, or `field-name` when the form came from a field named for a PII kind. */
  pattern: string;
  /** Validator that passed (`luhn`, `mod97`, `libphonenumber`), if any. */
  validator?: string;
  /** Context words or field name tokens that raised confidence. */
  context: string[];
  /** Why the form is what it is (`pattern is masked`, `sha256 hex digest in field email_sha256`). */
  formReason: string;
}

/** One detection inside a record, before aggregation. The value is already masked. */
export interface Occurrence {
  detector: string;
  form: Form;
  confidence: number;
  evidence: Evidence;
  /** Masked sample (or the raw value when the scan was asked to show values). */
  sample: string;
  line: number;
  column: number;
  /** JSON path of the value when the line was JSON (`$.user.email`, arrays as `[*]`). */
  jsonPath?: string;
  /** The line's template: variable parts replaced with placeholders (whole; reports clip it). */
  template: string;
  /** Service named inside the record itself (a JSON log line's `service` field). */
  recordService?: string;
  /** Index of the `allow` value rule that accepts this value: it is counted, not reported. */
  allowedBy?: number;
  /**
   * How many equal occurrences this one stands for (default 1): same site, detector, form and
   * confidence, all after the locations a report keeps, so only their number matters.
   */
  count?: number;
  /** Set when the match is a column value (or a JSON leaf of one) whole, not part of a longer text. */
  whole?: boolean;
}

/** The site of a finding: where a team has to look to fix it. */
export interface Site {
  /** `file`: a log file group and statement; `column`: a database column; `object`: an S3 object group and statement, or a CSV column of the group (`uri#column`). */
  kind: SiteKind;
  uri: string;
  /** The log line's template (files); empty for columns, whose identity is the column. */
  template: string;
  jsonPath?: string;
}

/** Every kind of site, for what validates sites (the baseline's schema). */
export const SITE_KINDS = ['file', 'column', 'object'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

/** An example place where a finding occurred. */
export interface FindingLocation {
  path: string;
  line: number;
  column: number;
  jsonPath?: string;
}

/** One leak site: (service, site, detector, form) with its occurrences counted. */
export interface Finding {
  /** Hex hash of (service, site, detector, form); holds no value and no line number. */
  fingerprint: string;
  detector: string;
  category: Category;
  sensitivity: Sensitivity;
  identifier: Identifier;
  form: Form;
  /** Highest confidence among the occurrences, 0..1. */
  confidence: number;
  service: string;
  /** Which rule or fallback chose the service (`rule services[1]`, `field service`, `folder`). */
  serviceSource: string;
  site: Site;
  count: number;
  locations: FindingLocation[];
  sample: string;
  evidence: Evidence;
  /** The owning team's contacts, from the config's `services` entry. */
  owner?: Owner;
  /**
   * New: plaintext, not in the baseline, not accepted by an allow rule, and at least the gate's
   * `minSensitivity` (src/pipeline/gate.ts). What `--fail-on new` fails; every report counts it.
   */
  new: boolean;
  /** With a baseline: whether it holds this fingerprint. Absent without a baseline. */
  inBaseline?: boolean;
  /** Set when a config `allow` rule accepts this finding: it never fails the gate. */
  allowed?: { rule: string; reason: string };
  /** Column findings: rows of the table that were scanned. */
  rowsScanned?: number;
  /**
   * Database column findings: the share of the column's values in which this was found, from 0
   * to 1 (3 significant digits): values with a match / non-empty values scanned. Non-empty
   * values exclude NULL, empty strings, binary values that are not UTF-8, and numbers whose digit
   * count no PII kind has.
   */
  share?: number;
}

/** Contacts of the team that owns a service. */
export interface Owner {
  team?: string;
  channel?: string;
  email?: string;
}

/** An item not scanned on purpose (binary, empty folder, excluded). */
export interface Skipped {
  path: string;
  reason: string;
}

/** A source that could not be read (fully or partly): the rest of the scan still ran. */
export interface SourceError {
  source: string;
  message: string;
}

/** What was read. */
export interface Coverage {
  files: number;
  /** Bytes scanned, after decompression. */
  bytes: number;
  lines: number;
  /** Lines longer than the line limit, scanned in pieces. */
  longLines: number;
  skipped: Skipped[];
  /** The same counters per target as given. */
  sources: SourceCoverage[];
  /** Per database table: rows estimated and scanned, and how (sampled with a seed, or full). */
  tables: TableCoverage[];
  /** Per S3 target: objects listed, scanned and skipped, groups, sampling. */
  objects: ObjectCoverage[];
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
}

/** What was read under one target. */
export interface SourceCoverage {
  target: string;
  files: number;
  bytes: number;
  lines: number;
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
      /** 1-based row number of each value, in order (typed when a batch was built for a worker thread, which then gets its memory). */
      rows: ArrayLike<number>;
      /** The column (or CSV header) name: context for every value. */
      hint: string;
    };

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
  /** Service from the layout (a file's nearest folder that is not a date, number or id), used when nothing else names one. */
  defaultService: string;
  /** The target (as given) this record was found under, for per-source coverage. */
  target: string;
  /** For the values of one JSON path of a JSON document: that path, the site's JSON path. */
  jsonPath?: string;
}
