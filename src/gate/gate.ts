/**
 * The CI gate: which findings are new and which fail a scan (exit code 1). Every report counts
 * and labels findings with these functions, so the summary, table, Markdown, HTML and SARIF agree.
 */
import type { Finding } from '../sites/finding.js';
import type { Sensitivity } from '../engine/detector.js';
import { isViolation } from '../sites/verdict.js';

/** `new`: only findings not in the baseline; `any`: every one; `none`: never fail. */
export type FailOn = 'new' | 'any' | 'none';

export interface GateOptions {
  failOn: FailOn;
  /** `sensitive`: only sensitive findings fail; `standard`: all do. */
  minSensitivity: Sensitivity;
}

/**
 * What the gate weighs: a policy violation (without a policy: plaintext), not accepted by an allow
 * rule, and as sensitive as it asks.
 */
export function isGated(f: Finding, gate: Pick<GateOptions, 'minSensitivity'>): boolean {
  if (!isViolation(f) || f.allowed) return false;
  return gate.minSensitivity === 'standard' || f.sensitivity === 'sensitive';
}

/** Whether its retention is exceeded and the gate weighs that: not allowed, as sensitive as it asks. */
export function isRetentionGated(f: Finding, gate: Pick<GateOptions, 'minSensitivity'>): boolean {
  if (f.retention?.status !== 'exceeded' || f.allowed) return false;
  return gate.minSensitivity === 'standard' || f.sensitivity === 'sensitive';
}

/**
 * New: weighed by the gate and not in the baseline (so every weighed finding without one). A
 * retention exceeded has its own baseline key: a known finding whose data outgrows its limit is new.
 */
export function isNew(f: Finding, gate: Pick<GateOptions, 'minSensitivity'>): boolean {
  return (isGated(f, gate) && f.inBaseline !== true) || (isRetentionGated(f, gate) && f.retention!.inBaseline !== true);
}

/** New findings fail with `--fail-on new`; every weighed finding with `any`; none with `none`. */
export function isFailing(f: Finding, gate: GateOptions): boolean {
  if (gate.failOn === 'none') return false;
  return gate.failOn === 'any' ? isGated(f, gate) || isRetentionGated(f, gate) : isNew(f, gate);
}

/**
 * A finding's status as every report words it; a retention exceeded is added to a violation's
 * status, and stands alone for a finding the policy allows.
 */
export function describeStatus(f: Finding, gate: Pick<GateOptions, 'minSensitivity'>): string {
  if (!isRetentionGated(f, gate)) return describeFormStatus(f, gate);
  const retention = `retention exceeded${f.retention!.inBaseline ? ', baseline' : ''} (${f.retention!.rule})`;
  return isViolation(f) ? `${describeFormStatus(f, gate)}; ${retention}` : retention;
}

function describeFormStatus(f: Finding, gate: Pick<GateOptions, 'minSensitivity'>): string {
  if (f.allowed) return `allowed (${f.allowed.rule})`;
  const declaration = f.declaration?.status === 'declared' ? undefined : f.declaration;
  if (declaration) return `${declaration.status} (${declaration.file}:${declaration.line})`;
  if (isGated(f, gate) && f.inBaseline !== true) return 'new';
  if (f.inBaseline) return 'baseline';
  if (isViolation(f)) return 'below min-sensitivity';
  // Without a configured policy the default one decides, which says no more than the form does.
  return f.policy && !f.policy.rule.startsWith('default') ? `allowed by ${f.policy.rule}` : 'not plaintext';
}
