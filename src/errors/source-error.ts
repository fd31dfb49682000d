/** A source that could not be read: one line of the report. */

/** A source that could not be read (fully or partly): the rest of the scan still ran. */
export interface SourceError {
  source: string;
  message: string;
}
