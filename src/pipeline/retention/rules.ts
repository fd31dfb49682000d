/**
 * Retention rules, from the config (`retention.rules`: site glob → limit) and from data-product
 * files (`retention_period` for every site of the product, `bronze_retention_days` for its bronze
 * sites: those whose URI has a `bronze` segment or word). Each rule keeps its name, the config
 * path or the product file and line, so a finding says which rule decided it.
 */
import picomatch from 'picomatch';
import type { Product } from '../declarations/product.js';
import { toRuleName } from '../policy/match.js';
import { toLimitDays } from './limit.js';

export interface RetentionRule {
  /** Config path or `file:line`. */
  rule: string;
  /** The limit as written, and in days. */
  limit: string;
  limitDays: number;
  /** Whether a site URI is under the rule. */
  covers(uri: string): boolean;
  /** Where it is written: the config, or a product file (its path). */
  origin: string;
  /** How specific it is: among rules of one origin covering a site, the most specific decides. */
  rank: number;
}

/** A glob's literal characters: `logs/audit/**` is more specific than `logs/**`. */
function toRank(glob: string): number {
  return glob.replace(/[*?[\]{}!]/g, '').length;
}

/** A site URI and, for a file, its path without `file://`: `logs/**` reads as a folder glob. */
function forms(uri: string): string[] {
  return uri.startsWith('file://') ? [uri, uri.slice('file://'.length)] : [uri];
}

function toCovers(globs: readonly string[]): (uri: string) => boolean {
  const test = picomatch([...globs], { dot: true });
  return (uri) => forms(uri).some((u) => test(u));
}

/** A bronze layer's site: `s3://lake/bronze/...`, `postgres://.../bronze.events.email`, `bronze_orders`. */
const BRONZE = /(?:^|[^a-z])bronze(?:$|[^a-z])/i;

/** Rules of the config's `retention.rules`; a limit that does not parse was refused by the schema. */
export function toConfigRules(rules: Readonly<Record<string, string | number>>): RetentionRule[] {
  return Object.entries(rules).map(([glob, limit]) => ({
    rule: toRuleName('retention.rules', [glob]),
    limit: String(limit),
    limitDays: toLimitDays(limit)!,
    covers: toCovers([glob]),
    origin: 'config',
    rank: toRank(glob),
  }));
}

/** Rules of the products' retention fields, over each product's sources. */
export function toProductRules(
  products: readonly Product[],
  sources: Readonly<Record<string, readonly string[]>>,
): RetentionRule[] {
  return products.flatMap((p) => {
    const globs = sources[p.name] ?? [];
    const r = p.retention;
    if (r === undefined || globs.length === 0) return [];
    const all = toCovers(globs);
    const out: RetentionRule[] = [];
    const period = r.period === undefined ? undefined : toLimitDays(r.period);
    if (period !== undefined)
      out.push({
        rule: `${p.file}:${r.periodLine ?? p.line}`,
        limit: r.period!,
        limitDays: period,
        covers: all,
        origin: p.file,
        rank: 0,
      });
    if (r.bronzeDays !== undefined && Number.isInteger(r.bronzeDays))
      out.push({
        rule: `${p.file}:${r.bronzeLine ?? p.line}`,
        limit: `${r.bronzeDays}d`,
        limitDays: r.bronzeDays,
        covers: (uri) => BRONZE.test(uri) && all(uri),
        origin: p.file,
        rank: 1,
      });
    return out;
  });
}
