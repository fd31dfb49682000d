/** The CI gate: which findings fail a scan (exit code 1). */
import type { Finding, Sensitivity } from '../types.js';

/** `new`: only findings not in the baseline; `any`: every one; `none`: never fail. */
export type FailOn = 'new' | 'any' | 'none';

export interface GateOptions {
  failOn: FailOn;
  /** `sensitive`: only sensitive findings fail; `standard`: all do. */
  minSensitivity: Sensitivity;
}

/** Plaintext, not accepted by an allow rule, sensitive enough, and new when failing on new. */
export function isFailing(f: Finding, gate: GateOptions): boolean {
  if (gate.failOn === 'none' || f.form !== 'plaintext' || f.allowed) return false;
  if (gate.minSensitivity === 'sensitive' && f.sensitivity !== 'sensitive') return false;
  return gate.failOn === 'any' || f.new;
}
