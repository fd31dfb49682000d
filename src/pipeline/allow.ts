/**
 * Accepting findings on purpose, with a reason: `allow` rules in the config, by fingerprint, by
 * site glob or by value pattern, each with an optional expiry date. A value rule runs inside the
 * engine (raw values never leave it) and drops the occurrences it matches; fingerprint and site
 * rules mark whole findings `allowed`. An expired rule stops accepting anything and says so.
 */
import picomatch from 'picomatch';
import type { Finding } from '../sites/finding.js';
import type { ValueRule } from '../sites/settings.js';

/** One `allow` entry of the config: exactly one of fingerprint, site and value. */
export interface AllowRule {
  fingerprint?: string;
  site?: string;
  value?: string;
  reason: string;
  /** ISO date (YYYY-MM-DD); from that day on the rule no longer accepts anything. */
  expires?: string;
}

/** A rule as reported: what it accepted in this scan. */
export interface AllowStatus {
  rule: string;
  kind: 'fingerprint' | 'site' | 'value';
  reason: string;
  expires?: string;
  expired: boolean;
  /** Findings (fingerprint and site rules) or occurrences (value rules) it accepted. */
  matched: number;
}

/** A value rule as the engine needs it: plain data, so it can go to worker threads. */

function isExpired(rule: AllowRule, today: string): boolean {
  return rule.expires !== undefined && rule.expires <= today;
}

/** The value rules still in force. */
export function toValueRules(rules: readonly AllowRule[], today: string): ValueRule[] {
  return rules.flatMap((r, rule) =>
    r.value !== undefined && !isExpired(r, today) ? [{ rule, pattern: r.value }] : [],
  );
}

/** Marks accepted findings; `valueHits` are the occurrences each value rule dropped in the engine. */
export function applyAllowRules(
  findings: Finding[],
  rules: readonly AllowRule[],
  options: { today: string; valueHits: Record<number, number> },
): { findings: Finding[]; statuses: AllowStatus[] } {
  const matched = rules.map((_, i) => options.valueHits[i] ?? 0);
  const siteMatchers = rules.map((r) => (r.site ? picomatch(r.site, { dot: true }) : undefined));
  const marked = findings.map((f) => {
    const index = rules.findIndex(
      (r, i) =>
        !isExpired(r, options.today) && (r.fingerprint === f.fingerprint || (siteMatchers[i]?.(f.site.uri) ?? false)),
    );
    if (index === -1) return f;
    matched[index]!++;
    return { ...f, allowed: { rule: `allow[${index}]`, reason: rules[index]!.reason } };
  });
  const statuses = rules.map((r, i) => ({
    rule: `allow[${i}]`,
    kind: r.fingerprint ? ('fingerprint' as const) : r.site ? ('site' as const) : ('value' as const),
    reason: r.reason,
    ...(r.expires ? { expires: r.expires } : {}),
    expired: isExpired(r, options.today),
    matched: matched[i]!,
  }));
  return { findings: marked, statuses };
}
