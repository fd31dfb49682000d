/**
 * Steps run on aggregated findings, in this order, each a small pure function in its own file;
 * the gate (src/gate/) weighs what they leave. (Ownership runs earlier, in sites/, because the
 * service is part of a finding's identity; occurrences under --min-confidence and those a value
 * allow rule accepts are dropped before aggregation.)
 *
 * 1. owners: attach the owning team's contacts from the config.
 * 1a. policy: give every finding its verdict and the rule that decided it (policy/judge.ts).
 * 1b. declarations: check findings against data-product files; PII a product does not declare, or
 *     not in the declared form, is a violation of that file's line (declarations/compare.ts).
 * 1c. retention: PII older than the limit of the rule covering its site is `retention exceeded`
 *     (retention/apply.ts), a violation of its own with its own baseline key.
 * 2. baseline: mark the findings the baseline holds, list stale baseline entries.
 * 3. allow: mark findings accepted by fingerprint or site rules, report every rule's status.
 */
import type { Finding, Owner } from '../sites/finding.js';
import { applyAllowRules, type AllowRule, type AllowStatus } from './allow.js';
import { applyPolicy } from './policy/judge.js';
import type { Policy } from './policy/policy.js';
import { applyDeclarations, type DeclarationsInput, type DeclarationsReport } from './declarations/apply.js';
import { applyRetention, type RetentionInput } from './retention/apply.js';
import { compareWithBaseline, type Baseline, type BaselineComparison } from './baseline.js';

export interface PipelineInput {
  owners: ReadonlyMap<string, Owner>;
  baseline?: { file: string; baseline: Baseline };
  allow: readonly AllowRule[];
  /** Occurrences each value allow rule dropped in the engine, by rule index. */
  valueHits: Record<number, number>;
  /** The config's policy; without one, the default policy (no plaintext). */
  policy?: Policy;
  /** Data products to check findings against. */
  declarations?: DeclarationsInput;
  /** Retention rules and the reference time, when any rule applies. */
  retention?: RetentionInput;
  /** Today as YYYY-MM-DD, for allow rule expiry. */
  today: string;
}

export interface PipelineResult {
  findings: Finding[];
  baseline?: BaselineComparison;
  allowlist: AllowStatus[];
  /** Products, their coverage and stale declarations, when product files were given. */
  declarations?: DeclarationsReport;
}

export function runPipeline(aggregated: Finding[], input: PipelineInput): PipelineResult {
  let findings = applyPolicy(
    aggregated.map((f) => {
      const owner = input.owners.get(f.service);
      return owner ? { ...f, owner } : f;
    }),
    input.policy,
  );
  let declarations: DeclarationsReport | undefined;
  if (input.declarations) ({ findings, report: declarations } = applyDeclarations(findings, input.declarations));
  if (input.retention) findings = applyRetention(findings, input.retention);
  let baseline: BaselineComparison | undefined;
  if (input.baseline)
    ({ findings, comparison: baseline } = compareWithBaseline(findings, input.baseline.baseline, input.baseline.file));
  const allowed = applyAllowRules(findings, input.allow, { today: input.today, valueHits: input.valueHits });
  return {
    findings: allowed.findings,
    ...(baseline ? { baseline } : {}),
    allowlist: allowed.statuses,
    ...(declarations ? { declarations } : {}),
  };
}
