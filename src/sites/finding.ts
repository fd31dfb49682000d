/** A leak site and the finding aggregated at it: what reports list and the gate weighs. */
import type { Category, Sensitivity, Identifier, Form } from '../engine/detector.js';
import type { Evidence } from '../engine/occurrence.js';
import type { SiteKind } from '../connectors/records.js';

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
}

/** Contacts of the team that owns a service. */
export interface Owner {
  team?: string;
  channel?: string;
  email?: string;
}
