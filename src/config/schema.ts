/**
 * The `piiscan.yaml` schema. Every field is optional; unknown keys are errors, so a typo never
 * silently turns a setting off.
 *
 * ```yaml
 * services:                     # ordered; the last matching rule wins
 *   - service: payments
 *     match: "file://logs/payments/**"
 * serviceField: service         # JSON key naming the service in JSON log lines
 * detectors: [email, phone]     # run only these (default: all)
 * minConfidence: 0.5
 * maxLocations: 5
 * exclude: ["file://logs/**\/debug-*.log"]
 * ```
 */
import { z } from 'zod';
import { detectors } from '../../detectors/index.js';

const detectorIds = detectors.map((d) => d.id) as [string, ...string[]];

export const configSchema = z.strictObject({
  /** Ownership rules over location URIs (picomatch globs); the last match wins. Default: none. */
  services: z
    .array(
      z.strictObject({
        /** Service (team) that owns what the rule matches. */
        service: z.string().min(1),
        /** Glob over location URIs, e.g. `file://logs/payments/**`. */
        match: z.string().min(1),
      }),
    )
    .default([]),
  /** JSON key that names the service in JSON log lines. Default `service`. */
  serviceField: z.string().min(1).default('service'),
  /** Detector ids to run. Default: all. The `--detectors` option overrides it. */
  detectors: z.array(z.enum(detectorIds)).optional(),
  /** Findings below this confidence (0..1) are not reported. Default 0.5. */
  minConfidence: z.number().min(0).max(1).optional(),
  /** Example locations kept per finding; 0 keeps all. Default 5. */
  maxLocations: z.number().int().min(0).optional(),
  /** Globs over location URIs to leave out of the scan. Default: none. */
  exclude: z.array(z.string().min(1)).default([]),
});

export type Config = z.infer<typeof configSchema>;
