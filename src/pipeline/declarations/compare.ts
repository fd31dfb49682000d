/**
 * Declared against found. Each finding at a site of a data product (the config maps products to
 * globs over site URIs) is checked against the product file: PII it does not list, or in a product
 * that says `pii: false`, is `undeclared`; a field declared pseudonymised or masked found in
 * plaintext, or declared `method: sha256` whose digests are of another kind, is `violated`. A
 * declared field found nowhere is a stale declaration, but only when the scan covered the product
 * fully: no source failed and each of its globs matched a site the scan reported, so a scan that
 * may have missed the product never calls its declarations stale.
 */
import picomatch from 'picomatch';
import type { DeclarationStatus, Finding } from '../../sites/finding.js';
import type { DeclaredField, Product } from './product.js';

/** A declared field no finding matched, in a scan that covered its product fully. */
export interface StaleDeclaration {
  product: string;
  file: string;
  line: number;
  field: string;
}

/** A product as the scan saw it. */
export interface ProductCoverage {
  name: string;
  file: string;
  /** Globs over site URIs from the config's `declarations.products`. */
  sources: string[];
  /** True when the scan covered the product fully (see the module comment). */
  covered: boolean;
}

/** The field a finding's site is: a JSON path's last key, a CSV column, a database column. */
export function fieldOf(f: Pick<Finding, 'site'>): string | undefined {
  const { site } = f;
  if (site.jsonPath) return /([^.[\]$*]+)(?:\[\*\])*$/.exec(site.jsonPath)?.[1];
  const hash = site.uri.lastIndexOf('#');
  if (hash !== -1) return site.uri.slice(hash + 1);
  return site.kind === 'column' ? site.uri.slice(site.uri.lastIndexOf('.') + 1) : undefined;
}

const DIGEST_NAMES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

function digestOf(f: Finding): string | undefined {
  const said = f.linkable?.digest ?? f.evidence.formReason;
  return DIGEST_NAMES.find((d) => new RegExp(`\\b${d}\\b`).test(said));
}

function judgeField(field: DeclaredField, f: Finding): Pick<DeclarationStatus, 'status' | 'reason'> {
  if (field.type !== 'plaintext' && f.form === 'plaintext')
    return { status: 'violated', reason: `${field.name} is declared ${field.type}, found in plaintext` };
  const method = field.method?.toLowerCase();
  if (field.type === 'pseudonymized' && f.form === 'hashed' && method && DIGEST_NAMES.includes(method)) {
    const found = digestOf(f);
    if (found !== undefined && found !== method)
      return { status: 'violated', reason: `${field.name} is declared ${method}, its values are ${found} digests` };
  }
  return { status: 'declared', reason: `${field.name} is declared ${field.type}` };
}

function statusOf(product: Product, f: Finding): DeclarationStatus {
  const at = { product: product.name, file: product.file };
  if (!product.pii)
    return {
      ...at,
      line: product.line,
      status: 'undeclared',
      reason: `${f.detector} found; the product says pii: false`,
    };
  const name = fieldOf(f)?.toLowerCase();
  const field = product.fields.find((d) => d.name.toLowerCase() === name);
  if (field === undefined)
    return {
      ...at,
      line: product.line,
      status: 'undeclared',
      reason: `${f.detector} found${name ? ` in ${name}` : ''}, which pii_fields does not list`,
    };
  return { ...at, line: field.line, ...judgeField(field, f) };
}

export interface DeclarationResult {
  findings: Finding[];
  products: ProductCoverage[];
  stale: StaleDeclaration[];
}

export function compareDeclarations(
  findings: readonly Finding[],
  products: readonly Product[],
  input: { sources: Readonly<Record<string, readonly string[]>>; complete: boolean },
): DeclarationResult {
  const mapped = products.map((product) => {
    const sources = [...(input.sources[product.name] ?? [])];
    return { product, sources, match: sources.length === 0 ? () => false : picomatch(sources) };
  });
  const out = findings.map((f) => {
    const owner = mapped.find((m) => m.match(f.site.uri));
    return owner === undefined ? f : { ...f, declaration: statusOf(owner.product, f) };
  });
  const coverage: ProductCoverage[] = mapped.map(({ product, sources }) => ({
    name: product.name,
    file: product.file,
    sources,
    covered:
      input.complete &&
      sources.length > 0 &&
      sources.every((glob) => out.some((f) => picomatch.isMatch(f.site.uri, glob))),
  }));
  const stale = mapped.flatMap(({ product }, i) => {
    if (!coverage[i]!.covered) return [];
    const found = new Set(
      out.filter((f) => f.declaration?.product === product.name).map((f) => fieldOf(f)?.toLowerCase()),
    );
    return product.fields
      .filter((d) => !found.has(d.name.toLowerCase()))
      .map((d) => ({ product: product.name, file: product.file, line: d.line, field: d.name }));
  });
  return { findings: out, products: coverage, stale };
}
