/**
 * A finding in the privacy team's words, as Markdown, HTML and the table show it: a direct or
 * indirect identifier, sensitive or standard, its form as policies name it (pseudonymised means
 * hashed or tokenized), the policy's verdict and the declaration status. Reports group findings
 * by data product when product files were checked, else by service.
 */
import type { Finding } from '../sites/finding.js';
import { isViolation } from '../sites/verdict.js';
import type { Report } from './report.js';

/** The form as a policy names it: `pseudonymised (hashed)`, `masked`, `plaintext`, ... */
export function toPolicyForm(f: Pick<Finding, 'form' | 'linkable'>): string {
  if (f.form === 'hashed') return f.linkable ? 'pseudonymised (hashed, unsalted)' : 'pseudonymised (hashed)';
  if (f.form === 'tokenized') return 'pseudonymised (tokenized)';
  return f.form;
}

/** `direct identifier, standard`. */
export function describeKind(f: Pick<Finding, 'identifier' | 'sensitivity'>): string {
  return `${f.identifier} identifier, ${f.sensitivity}`;
}

/** The policy's verdict and the rule that gave it (without a policy step: the default's). */
export function describePolicyVerdict(f: Finding): string {
  if (f.policy === undefined) return isViolation(f) ? 'violation' : 'allowed';
  return `${f.policy.verdict} (${f.policy.rule})`;
}

/** The declaration status with its product file and line, or `no product` for a site of none. */
export function describeDeclaration(f: Pick<Finding, 'declaration'>): string {
  const d = f.declaration;
  return d === undefined ? 'no product' : `${d.status} (${d.file}:${d.line})`;
}

/** Whether the report checked data products: then findings group by product. */
export function byProduct(report: Pick<Report, 'declarations'>): boolean {
  return report.declarations !== null && report.declarations !== undefined;
}

/** Findings by product (those of no product last) or by service, groups in first-seen order. */
export function groupFindings(findings: readonly Finding[], report: Pick<Report, 'declarations'>) {
  const products = byProduct(report);
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = products ? (f.declaration ? `product ${f.declaration.product}` : 'no product') : `service ${f.service}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [f]);
    else group.push(f);
  }
  const entries = [...groups];
  return products
    ? [...entries.filter(([k]) => k !== 'no product'), ...entries.filter(([k]) => k === 'no product')]
    : entries;
}
