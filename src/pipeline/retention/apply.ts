/**
 * The retention step: PII kept longer than the rule covering its site allows. Among the config's
 * rules covering a site the most specific glob decides (`logs/audit/**: 1y` over `logs/**: 14d`),
 * and within a product file its bronze limit over its retention period; between the config and
 * products, each a "keep at most", the shortest limit decides. What counts as PII here is
 * what can still name a person: plaintext, and hashes the scan recognised as unsalted digests of
 * plaintext found elsewhere (`linkable`); masked, tokenized, encrypted and other hashed values do not.
 * A finding's age runs from its oldest date to the reference time (`--now`, default the scan's start).
 */
import { createHash } from 'node:crypto';
import type { Finding, RetentionStatus } from '../../sites/finding.js';
import { daysBetween } from '../../engine/dates.js';
import type { RetentionRule } from './rules.js';

export interface RetentionInput {
  rules: readonly RetentionRule[];
  /** Reference time, epoch ms. */
  now: number;
}

/** Whether retention limits apply to a finding's form. */
export function isRetained(f: Pick<Finding, 'form' | 'linkable'>): boolean {
  return f.form === 'plaintext' || (f.form === 'hashed' && f.linkable !== undefined);
}

/** The retention finding's identity: from the finding's, never from a date. */
export function toRetentionFingerprint(fingerprint: string): string {
  return createHash('sha256').update(`retention\0${fingerprint}`).digest('hex').slice(0, 32);
}

function judge(f: Finding, rule: RetentionRule, now: number): RetentionStatus {
  const base = {
    rule: rule.rule,
    limit: rule.limit,
    limitDays: rule.limitDays,
    fingerprint: toRetentionFingerprint(f.fingerprint),
  };
  if (f.oldest === undefined) return { status: 'undated', ...base };
  const ageDays = daysBetween(Date.parse(f.oldest.at), now);
  const overDays = Math.max(0, ageDays - rule.limitDays);
  return { status: overDays > 0 ? 'exceeded' : 'within', ...base, ageDays, overDays };
}

/** Every finding judged afresh: a status from an earlier pass (a shard's part) never carries over. */
export function applyRetention(findings: readonly Finding[], input: RetentionInput): Finding[] {
  return findings.map(({ retention: _earlier, ...f }) => {
    if (!isRetained(f)) return f;
    const rule = decidingRule(input.rules, f.site.uri);
    return rule === undefined ? f : { ...f, retention: judge(f, rule, input.now) };
  });
}

function decidingRule(rules: readonly RetentionRule[], uri: string): RetentionRule | undefined {
  const best = new Map<string, RetentionRule>();
  for (const r of rules) {
    if (!r.covers(uri)) continue;
    const held = best.get(r.origin);
    if (held === undefined || r.rank > held.rank) best.set(r.origin, r);
  }
  return [...best.values()].sort((a, b) => a.limitDays - b.limitDays || a.rule.localeCompare(b.rule))[0];
}
