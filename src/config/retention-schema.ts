/**
 * The `retention:` section of piiscan.yaml: how long PII may be kept where.
 *
 * ```yaml
 * retention:
 *   rules:                                    # site glob → limit (d, w, m = 30 days, y = 365 days)
 *     "s3://lake/bronze/**": 30d
 *     "s3://lake/silver/**": 1y
 *     "logs/**": 14d                          # file sites match with or without `file://`
 *   timestampColumns:                         # databases: table glob → the column that dates a row
 *     "bronze.*": ingested_at
 * ```
 */
import { z } from 'zod';
import { toLimitDays } from '../pipeline/retention/limit.js';

const limit = z
  .union([z.string().min(1), z.number().int().min(0)])
  .refine((v) => toLimitDays(v) !== undefined, 'expected a limit such as 30d, 2w, 6m or 1y');

export const retentionSchema = z.strictObject({
  /**
   * Site glob (picomatch, over site URIs) → the longest PII may be kept there. Where several
   * cover a site, the shortest limit decides. Default: none.
   */
  rules: z.record(z.string().min(1), limit).default({}),
  /**
   * `schema.table` glob → the timestamp column that says when a row was written, for databases.
   * Rows without one are dated by nothing and their findings are `undated`. Default: none.
   */
  timestampColumns: z.record(z.string().min(1), z.string().min(1)).default({}),
});
