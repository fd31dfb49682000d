/**
 * Steps run on aggregated findings, in this order. Each step is a small pure function in its own
 * file. (Ownership runs earlier, inside aggregation, because the service is part of a finding's
 * identity; occurrences under --min-confidence are dropped before aggregation.)
 *
 * 1. sort: sensitive before standard, then by count, then by service and fingerprint.
 */
import type { Finding } from '../types.js';
import { sortFindings } from './sort.js';

export function runPipeline(findings: Finding[]): Finding[] {
  return sortFindings(findings);
}
