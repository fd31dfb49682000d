/** A leak site and the finding aggregated at it: what reports list and the gate weighs. */
import type { Category, Sensitivity, Identifier, Form } from '../engine/detector.js';
import type { Evidence } from '../engine/occurrence.js';
import type { SiteKind } from '../connectors/records.js';
import type { DateSource } from './record-dates.js';

/** The site of a finding: where a team has to look to fix it. */
export interface Site {
  /**
   * `file`: a log file group and statement; `column`: a database column; `object`: an S3 object
   * group and statement, or a CSV column of the group (`uri#column`).
   */
  kind: SiteKind;
  uri: string;
  /** The log line's template (files); empty for columns, whose identity is the column. */
  template: string;
  jsonPath?: string;
}

/** An example place where a finding occurred. */
export interface FindingLocation {
  path: string;
  line: number;
  column: number;
  jsonPath?: string;
  /**
   * Database columns: the row's primary key, column by column, when the table has one (`line` is
   * the row's number in the read). A key value that may itself be PII (an `@`, nine or more digits)
   * is `***` unless values are shown.
   */
  key?: Record<string, string>;
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
  /**
   * Log findings, when a service's source is configured or the lines carry their code location:
   * the statement that wrote the lines (the best ranked), or null with `sourceReason`.
   */
  source?: CodeSource | null;
  /** Further statements that match the site, ranked, each with a lower confidence. */
  sourceCandidates?: CodeSource[];
  /** Why `source` is null: no source configured for the service, or no statement matched. */
  sourceReason?: string;
  /** The policy's verdict on this finding and the rule that decided it (src/pipeline/policy/). */
  policy?: PolicyVerdict;
  /**
   * Set on a hashed finding whose values are unsalted digests of plaintext values the same scan
   * found at another site: a join on that site re-identifies them.
   */
  linkable?: Linkable;
  /** Set when the site belongs to a data product: what its product file declares of it. */
  declaration?: DeclarationStatus;
  /**
   * When the scan dates occurrences (a retention rule applies): the oldest date of its data (ISO
   * 8601, UTC) and where it came from (src/sites/record-dates.ts).
   */
  oldest?: { at: string; from: DateSource };
  /** Set when a retention rule covers the site (src/pipeline/retention/). */
  retention?: RetentionStatus;
}

/** A finding against the retention rule that covers its site. */
export interface RetentionStatus {
  /**
   * `exceeded`: data older than the limit; `within`: none is; `undated`: no date was found for it
   * (no timestamp, path date or modification time), so it cannot be judged.
   */
  status: 'exceeded' | 'within' | 'undated';
  /** The rule: its config path (`retention.rules["s3://lake/bronze/**"]`) or product file and line. */
  rule: string;
  /** The limit as written (`30d`) and in days. */
  limit: string;
  limitDays: number;
  /** Days from the oldest date to the reference time, and days over the limit (0 when within). */
  ageDays?: number;
  overDays?: number;
  /**
   * Identity of the retention finding, for baselines: a hash of the finding's fingerprint, never of
   * a date, so a new day or a rotated file never makes a known finding new.
   */
  fingerprint: string;
  /** With a baseline: whether it holds this retention finding. */
  inBaseline?: boolean;
}

/** A finding against its data product's declarations (src/pipeline/declarations/). */
export interface DeclarationStatus {
  product: string;
  /** The product file and the line of the field (or of `pii`) the status is about. */
  file: string;
  line: number;
  /** `declared`: as declared; `undeclared`: PII the file does not list; `violated`: not in the declared form. */
  status: 'declared' | 'undeclared' | 'violated';
  reason: string;
}

/** A policy's verdict on a finding. */
export interface PolicyVerdict {
  verdict: 'allowed' | 'violation';
  /** The rule that decided, as written in the config (`policy.rules.users.email`, `default["*"]["*"]`). */
  rule: string;
  /** Why, in the policy's words (`plaintext email; users may hold it only encrypted`). */
  reason: string;
}

/** Where the plaintext of a hashed site's values was found, and how much of it matched. */
export interface Linkable {
  /** The site (URI, with the JSON path after `#` when there is one) holding the plaintext. */
  source: string;
  /** The digest that matched: `sha256-hex`, `md5-base64`, ... of the normalised value. */
  digest: string;
  /** Share of the sampled values of this site that are digests of values found at `source`, 0 to 1. */
  share: number;
  /** Values of this site sampled for the comparison. */
  sampled: number;
}

/** Contacts of the team that owns a service. */
export interface Owner {
  team?: string;
  channel?: string;
  email?: string;
}

/** The statement in a service's code that wrote a log site's lines (src/source/). */
export interface CodeSource {
  /** The repository root as a `file://` URI ending in `/`; empty when the line named a file of a service without a source. */
  root: string;
  /** File of the statement, relative to root, with `/` separators. */
  path: string;
  /** 1-based line and column of the call; 0 when unknown. */
  line: number;
  column: number;
  /** The call as written, on one line, clipped (or the function the log line named). */
  call: string;
  /** How likely this statement wrote the lines, 0..1; 1 when the line named it. */
  confidence: number;
  /** Why it matched: the message words and keys found, ties. */
  why: string;
}
