/**
 * The declarations step: findings compared with their products' files (compare.ts), and what is
 * undeclared or violated made a violation of the file's line, whatever the policy allows: the
 * product owner's declaration is the narrower rule.
 */
import type { Finding } from '../../sites/finding.js';
import { compareDeclarations, type ProductCoverage, type StaleDeclaration } from './compare.js';
import type { Product } from './product.js';

export interface DeclarationsInput {
  products: Product[];
  /** Product name → globs over site URIs. */
  sources: Record<string, string[]>;
  /** False when a source failed: then no product counts as fully covered. */
  complete: boolean;
}

/** What a report says of the declarations. */
export interface DeclarationsReport {
  products: ProductCoverage[];
  /** Declared fields found nowhere, in products the scan covered fully. */
  stale: StaleDeclaration[];
}

export function applyDeclarations(
  findings: readonly Finding[],
  input: DeclarationsInput,
): { findings: Finding[]; report: DeclarationsReport } {
  const { findings: compared, products, stale } = compareDeclarations(findings, input.products, input);
  return {
    findings: compared.map((f) =>
      f.declaration === undefined || f.declaration.status === 'declared'
        ? f
        : {
            ...f,
            policy: {
              verdict: 'violation',
              rule: `declarations ${f.declaration.file}:${f.declaration.line}`,
              reason: `${f.declaration.status}: ${f.declaration.reason}`,
            },
          },
    ),
    report: { products, stale },
  };
}
