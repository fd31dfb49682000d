import type { Finding } from '../sites/finding.js';
import { isFailing, type GateOptions } from './gate.js';

const SENSITIVITY_RANK = { sensitive: 0, standard: 1 } as const;

/**
 * Failing first, then new, plaintext and sensitive ones, then most occurrences, then service and
 * fingerprint for a stable order.
 */
export function sortFindings(findings: readonly Finding[], gate: GateOptions): Finding[] {
  const failing = new Set(findings.filter((f) => isFailing(f, gate)));
  return [...findings].sort(
    (a, b) =>
      Number(failing.has(b)) - Number(failing.has(a)) ||
      Number(b.new) - Number(a.new) ||
      Number(b.form === 'plaintext') - Number(a.form === 'plaintext') ||
      SENSITIVITY_RANK[a.sensitivity] - SENSITIVITY_RANK[b.sensitivity] ||
      b.count - a.count ||
      a.service.localeCompare(b.service) ||
      a.fingerprint.localeCompare(b.fingerprint),
  );
}
