/**
 * The gate's step, after the pipeline's: marks each finding new or not (gate.ts: plaintext, not in
 * the baseline, not allowed, sensitive enough) and sorts failing findings first (sort.ts). Every
 * report labels and counts findings with the same functions, so they agree with the exit code.
 */
import type { Finding } from '../sites/finding.js';
import { isNew, type GateOptions } from './gate.js';
import { sortFindings } from './sort.js';

export function applyGate(findings: readonly Finding[], gate: GateOptions): Finding[] {
  return sortFindings(
    findings.map((f) => ({ ...f, new: isNew(f, gate) })),
    gate,
  );
}
