/**
 * Data-product files (`product.yaml`) as the privacy team writes them: whether the product holds
 * PII, which fields, in what form, and how long it is kept. Each declared field keeps the line it
 * is written on, so findings about it can point there.
 *
 * ```yaml
 * name: orders
 * privacy:
 *   pii: true
 *   pii_classification: confidential
 *   pii_fields:
 *     - email                                   # a name: plaintext is what is declared
 *     - { name: email_hash, type: pseudonymized, original_field: email, method: sha256 }
 *     - { name: phone, type: masked, method: partial_mask }
 *   bronze_retention_days: 30
 *   retention_period: 365d
 * ```
 */

/** How a declared field is stored. */
export type DeclaredType = 'plaintext' | 'pseudonymized' | 'masked';

export interface DeclaredField {
  name: string;
  type: DeclaredType;
  /** The field a pseudonymised or masked one is made from. */
  originalField?: string;
  /** `sha256`, `partial_mask`, ... as written. */
  method?: string;
  /** 1-based line of the field in the product file. */
  line: number;
}

export interface Product {
  name: string;
  /** The product file, as found (relative to the working folder when it was given so). */
  file: string;
  /** `privacy.pii`: false declares that the product holds none. Default true when fields are listed. */
  pii: boolean;
  /** Line of `pii` (or of the product's name, or 1), where an undeclared finding points. */
  line: number;
  fields: DeclaredField[];
  classification?: string;
  /**
   * `bronze_retention_days` and `retention_period` as written, with their lines: the first holds
   * for the product's bronze sites, the second for all of them (src/pipeline/retention/rules.ts).
   */
  retention?: { bronzeDays?: number; bronzeLine?: number; period?: string; periodLine?: number };
}
