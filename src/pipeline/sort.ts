import type { Finding } from '../types.js';

const SENSITIVITY_RANK = { sensitive: 0, standard: 1 } as const;

/** New first, then sensitive, then most occurrences, then service and fingerprint for a stable order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      Number(b.new) - Number(a.new) ||
      SENSITIVITY_RANK[a.sensitivity] - SENSITIVITY_RANK[b.sensitivity] ||
      b.count - a.count ||
      a.service.localeCompare(b.service) ||
      a.fingerprint.localeCompare(b.fingerprint),
  );
}
