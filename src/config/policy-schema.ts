/**
 * The `policy:` section of piiscan.yaml: which forms each service may hold each kind of PII in.
 *
 * ```yaml
 * policy:
 *   rules:
 *     users:                                # the user service holds PII, encrypted only
 *       "*": [encrypted]
 *     "*":                                  # every other service: no PII at rest but pseudonymised or masked...
 *       "*": [masked, hashed, tokenized]
 *       email: { logs: [masked], "*": [masked, keyed-hashed, tokenized] }  # ...and only masked emails in logs
 *   unsaltedHashes: forbid                  # an unsalted digest of an email seen in plaintext elsewhere fails
 * ```
 */
import { z } from 'zod';
import { FORMS } from '../engine/detector.js';
import { POLICY_SITE_KINDS, type Policy } from '../pipeline/policy/policy.js';

/** Forms a rule may list: every stored form, and `keyed-hashed` (hashed, but not recognisably unsalted). */
const form = z.enum([...FORMS, 'keyed-hashed']);
const forms = z.array(form);

/** Allowed forms for a selector: a list, or lists per site kind (`file`, `object`, `column`, `logs`, `*`). */
const allowedForms = z.union([forms, z.partialRecord(z.enum(POLICY_SITE_KINDS), forms)]);

export const policySchema = z.strictObject({
  /**
   * Service glob → selector → allowed forms. Selector: a detector id, a category (`contact`,
   * `government_id`, ...), a sensitivity (`sensitive`, `standard`), an identifier kind (`direct`,
   * `indirect`) or `*`. The most specific service section with a rule for a finding decides, then
   * the most specific selector and site kind. Default: the default policy (no plaintext).
   */
  rules: z.record(z.string().min(1), z.record(z.string().min(1), allowedForms)).default({}),
  /** `forbid`: unsalted digests of values found in plaintext elsewhere are violations. Default `allow`. */
  unsaltedHashes: z.enum(['allow', 'forbid']).default('allow'),
}) satisfies z.ZodType<Policy, unknown>;

const globs = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/**
 * The `declarations:` section: data-product files and the sites of each product.
 *
 * ```yaml
 * declarations:
 *   files: "products/**\/product.yaml"         # `--declarations` overrides
 *   products:                                   # product name → globs over site URIs
 *     orders: ["postgres://*\/shop/orders.*", "s3://lake/*\/orders/**", "file://exports/orders/**"]
 * ```
 */
export const declarationsSchema = z.strictObject({
  /** Globs of product files, relative to the working folder. */
  files: globs.optional(),
  /** Each product's sources: globs over site URIs (a schema or table, a bucket prefix, a folder). */
  products: z.record(z.string().min(1), globs).default({}),
});
