import type { Finding } from '../types.js';

const SENSITIVITY_RANK = { sensitive: 0, standard: 1 } as const;

/** Sensitive first, then most occurrences, then service and fingerprint for a stable order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SENSITIVITY_RANK[a.sensitivity] - SENSITIVITY_RANK[b.sensitivity] ||
      b.count - a.count ||
      a.service.localeCompare(b.service) ||
      a.fingerprint.localeCompare(b.fingerprint),
  );
}
