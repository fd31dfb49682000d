/**
 * A policy: which forms each service may hold each kind of PII in, per site kind, and how strong
 * its hashes must be. The config's `policy:` section (src/config/policy-schema.ts) is this shape.
 */
import type { Form } from '../../engine/detector.js';

/**
 * A form a rule allows. `keyed-hashed`: hashed, but not an unsalted digest of values the scan
 * found in plaintext elsewhere (a keyed or salted hash cannot be recognised; an unsalted one of a
 * guessable identifier can).
 */
export type PolicyForm = Form | 'keyed-hashed';

/** Site kinds a rule can single out: `logs` are log statements (file and object sites with a template). */
export const POLICY_SITE_KINDS = ['file', 'object', 'column', 'logs', '*'] as const;

export type PolicySiteKind = (typeof POLICY_SITE_KINDS)[number];

/** The forms a selector allows: everywhere, or per site kind. */
export type AllowedForms = PolicyForm[] | Partial<Record<PolicySiteKind, PolicyForm[]>>;

export interface Policy {
  /**
   * Service glob → selector → allowed forms. A selector is a detector id, a category, a
   * sensitivity (`sensitive`, `standard`), an identifier kind (`direct`, `indirect`) or `*`.
   */
  rules: Record<string, Record<string, AllowedForms>>;
  /**
   * `forbid`: an unsalted digest of values found in plaintext elsewhere is a violation even where
   * `hashed` is allowed. Default `allow`.
   */
  unsaltedHashes: 'allow' | 'forbid';
}

/**
 * Today's behaviour as a policy: every service may hold every kind of PII in any form but
 * plaintext. A scan without `policy:` uses it, and a policy whose rules match nothing falls back
 * to it.
 */
export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze<Policy>({
  rules: { '*': { '*': ['masked', 'hashed', 'tokenized', 'encrypted'] } },
  unsaltedHashes: 'allow',
});
