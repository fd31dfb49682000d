/** What the engine finds in a record: one occurrence, with why it was reported. */
import type { Form } from './detector.js';

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
