/** A source that could not be read: one line of the report. */
import { maskUrlCredentials } from './url-credentials.js';

/** A source that could not be read (fully or partly): the rest of the scan still ran. */
export interface SourceError {
  source: string;
  message: string;
}

/** The error with URL credentials masked wherever a driver or the system put them. */
export function maskSourceError(e: SourceError): SourceError {
  return { source: maskUrlCredentials(e.source), message: maskUrlCredentials(e.message) };
}
