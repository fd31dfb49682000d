/** Where a subject's identifier was found: what reports list per subject. */
import type { SiteKind } from '../connectors/records.js';

/** One place a subject's identifier was found, and in what form. */
export interface Trace {
  /** The identifier's kind (`email`, `phone`, a detector id); never its value. */
  identifier: string;
  /** How it was stored: `plaintext`, `normalised`, `url-encoded`, `sha256-hex of email`, ... */
  form: string;
  /** `file`, `column` (a database column) or `object` (an S3 object). */
  kind: SiteKind;
  /** The file, the object, or the column (`db.schema.table.column`), as scan reports show it. */
  location: string;
  /** Files and objects: the line (CSV: the record's number, the header being 1). */
  line?: number;
  /** Database columns: the row's number in the read. */
  row?: number;
  /** Database columns: the row's primary key, column by column, when the table has one. */
  key?: Record<string, string>;
  /** The JSON path of the value holding it, when the line or value is JSON. */
  jsonPath?: string;
}

export function compareTraces(a: Trace, b: Trace): number {
  return (
    a.location.localeCompare(b.location) ||
    (a.line ?? a.row ?? 0) - (b.line ?? b.row ?? 0) ||
    a.identifier.localeCompare(b.identifier) ||
    a.form.localeCompare(b.form)
  );
}
