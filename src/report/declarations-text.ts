/**
 * What every format says of data-product declarations: the stale ones (declared, found nowhere in
 * a scan that covered the product), and the findings a product does not declare or declares in
 * another form, each with the product file and line.
 */
import type { Finding } from '../sites/finding.js';
import type { Report } from './report.js';

/** Findings a product file does not declare, or declares in another form. */
export function declarationFindings(report: Report): Finding[] {
  return report.findings.filter((f) => f.declaration !== undefined && f.declaration.status !== 'declared');
}

/** One line per undeclared or violated finding and per stale declaration. */
export function describeDeclarations(report: Report): string[] {
  const found = declarationFindings(report).map((f) => {
    const d = f.declaration!;
    return `${d.status === 'undeclared' ? 'Undeclared PII' : 'Declaration violated'}: ${d.file}:${d.line}: ${d.reason} (${f.site.uri})`;
  });
  const stale = (report.declarations?.stale ?? []).map(
    (s) =>
      `Stale declaration: ${s.file}:${s.line}: ${s.product} declares ${s.field}, found nowhere in a full scan of it`,
  );
  const uncovered = (report.declarations?.products ?? [])
    .filter((p) => !p.covered)
    .map((p) => `Not fully covered: ${p.name} (${p.file}): stale declarations are not checked`);
  return [...found, ...stale, ...uncovered];
}
