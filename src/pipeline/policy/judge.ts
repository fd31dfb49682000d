/**
 * The policy step: every finding gets a verdict (`allowed` or `violation`) and the rule that
 * decided it. Hashes are held to the policy's strength: a hashed finding the scan recognised as an
 * unsalted digest of plaintext found elsewhere (`linkable`) does not pass as `keyed-hashed`, nor
 * as `hashed` when `unsaltedHashes` is `forbid`.
 */
import type { Finding, PolicyVerdict } from '../../sites/finding.js';
import { DEFAULT_POLICY, type Policy, type PolicyForm } from './policy.js';
import { matchRule, toRuleName } from './match.js';

function allows(forms: readonly PolicyForm[], f: Finding, policy: Policy): { ok: boolean; why?: string } {
  if (f.form !== 'hashed') return { ok: forms.includes(f.form) };
  const unsalted = f.linkable !== undefined;
  if (forms.includes('hashed') && !(unsalted && policy.unsaltedHashes === 'forbid')) return { ok: true };
  if (forms.includes('keyed-hashed') && !unsalted) return { ok: true };
  if (!unsalted || !(forms.includes('hashed') || forms.includes('keyed-hashed'))) return { ok: false };
  return {
    ok: false,
    why: `unsalted ${f.linkable!.digest} of values found in plaintext at ${f.linkable!.source} (policy.unsaltedHashes: forbid, or only keyed-hashed allowed)`,
  };
}

export function judgeFinding(f: Finding, policy: Policy | undefined): PolicyVerdict {
  const given = policy === undefined ? undefined : matchRule(policy, f);
  // The default rules stand in for missing ones; the policy's hash strength holds either way.
  const effective = policy ?? DEFAULT_POLICY;
  const matched = given ?? matchRule(DEFAULT_POLICY, f)!;
  const rule = toRuleName(given === undefined ? 'default' : 'policy.rules', matched.path);
  const { ok, why } = allows(matched.forms, f, effective);
  const may = `${f.service} may hold ${f.detector} ${matched.forms.join(', ') || 'in no form'}`;
  return {
    verdict: ok ? 'allowed' : 'violation',
    rule,
    reason: why === undefined ? `${f.form} ${f.detector}; ${may}` : `${f.form} ${f.detector}: ${why}`,
  };
}

/** Every finding with its verdict. */
export function applyPolicy(findings: readonly Finding[], policy: Policy | undefined): Finding[] {
  return findings.map((f) => ({ ...f, policy: judgeFinding(f, policy) }));
}
