/**
 * The `piiscan.yaml` schema. Every field is optional; unknown keys are errors, so a typo never
 * silently turns a setting off.
 *
 * ```yaml
 * services:                     # ordered; the last matching rule wins
 *   - service: payments
 *     match: ["file://logs/payments/**", "file://volumes/billing/**"]
 *     owner: { team: payments-core, channel: "#payments", email: payments@example.com }
 *     source: ../payments-service   # its code: log findings name the statement that wrote them
 * serviceField: service         # JSON key naming the service in JSON log lines
 * baseline: .piiscan-baseline.json
 * failOn: new                   # new | any | none
 * minSensitivity: standard      # standard | sensitive
 * sources:                      # databases and buckets by name: `piiscan scan orders-db`, or all with no target
 *   - name: orders-db
 *     url: postgres://reader@db.internal:5432/orders
 *     passwordEnv: ORDERS_DB_PASSWORD
 *   - name: exports
 *     url: s3://acme-exports/orders/
 * s3:                           # S3-compatible stores; AWS S3 needs none of this
 *   endpoint: http://127.0.0.1:9000
 *   region: us-east-1
 *   forcePathStyle: true
 * allow:
 *   - value: "qa-[a-z]+@example\\.com"
 *     reason: QA accounts used by the smoke tests
 *     expires: 2027-06-30
 * detectors: [email, phone]     # run only these (default: all)
 * minConfidence: 0.5
 * maxLocations: 5
 * exclude: ["file://logs/**\/debug-*.log", "s3://acme-exports/tmp/**"]
 * policy:                       # who may hold what, in which form (policy-schema.ts)
 *   rules: { users: { email: [encrypted] }, "*": { "*": [masked, hashed, tokenized] } }
 * retention:                    # how long PII may be kept where (retention-schema.ts)
 *   rules: { "s3://lake/bronze/**": 30d, "logs/**": 14d }
 * ```
 */
import { CONNECTORS, connectorFor } from '../connectors/registry.js';
import { z } from 'zod';
import { detectors } from '../../detectors/index.js';
import { checkPattern } from '../engine/regex.js';
import { declarationsSchema, policySchema } from './policy-schema.js';
import { retentionSchema } from './retention-schema.js';

const detectorIds = detectors.map((d) => d.id) as [string, ...string[]];

/** The URL schemes sources read, for messages. */
const URL_SCHEMES = CONNECTORS.flatMap((c) => c.schemes.map((s) => `${s}://`)).join(', ');

export const configSchema = z.strictObject({
  /** Ownership rules over location URIs (picomatch globs); the last match wins. Default: none. */
  services: z
    .array(
      z.strictObject({
        /** Service (team) that owns what the rule matches. */
        service: z.string().min(1),
        /** Glob or globs over location URIs, e.g. `file://logs/payments/**`. */
        match: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
        /** Who to tell: shown with every finding of this service. */
        owner: z
          .strictObject({ team: z.string().optional(), channel: z.string().optional(), email: z.string().optional() })
          .optional(),
        /** A checkout of the service's code, relative to the config file: log findings name their statement. */
        source: z.string().min(1).optional(),
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
  /** Globs over location URIs (files and S3 objects) to leave out of the scan. Default: none. */
  exclude: z.array(z.string().min(1)).default([]),
  /** Databases by name. A target that is a source's name scans its URL; no target scans them all. */
  sources: z
    .array(
      z.strictObject({
        /** Name used as a target on the command line. */
        name: z.string().min(1),
        /** A URL of a source piiscan reads: `postgres://`, `mysql://` (best without a password), `s3://bucket/prefix`. */
        url: z
          .string()
          .refine(
            (url) => connectorFor(url).schemes.length > 0,
            `expected a URL of a source piiscan reads (${URL_SCHEMES})`,
          ),
        /** Environment variable holding the password, so it never sits in the config file. */
        passwordEnv: z.string().min(1).optional(),
      }),
    )
    .default([]),
  /** Where S3 targets live; credentials always come from the AWS SDK's chain, never from here. */
  s3: z
    .strictObject({
      /** S3-compatible endpoint URL (MinIO, Ceph); `--endpoint-url` overrides. */
      endpoint: z.url().optional(),
      region: z.string().min(1).optional(),
      /** AWS shared config profile; `--profile` overrides. */
      profile: z.string().min(1).optional(),
      /** Path-style addressing (`endpoint/bucket/key`); default true with an endpoint. */
      forcePathStyle: z.boolean().optional(),
    })
    .optional(),
  /** Where Azure targets live; credentials come from the environment or a signed-in identity, never from here. */
  azure: z
    .strictObject({
      /** Blob service URL of the account (Azurite: `http://127.0.0.1:10000/devstoreaccount1`); `--azure-endpoint` overrides. */
      endpoint: z.url().optional(),
    })
    .optional(),
  /** Baseline file of accepted findings (`--baseline` overrides). Default: none. */
  baseline: z.string().min(1).optional(),
  /** What fails the scan: `new` findings (default with a baseline), `any` (default without), `none`. */
  failOn: z.enum(['new', 'any', 'none']).optional(),
  /** Least sensitivity that fails the scan. Default `standard` (everything). */
  minSensitivity: z.enum(['standard', 'sensitive']).optional(),
  /** Findings accepted on purpose, each with a reason; exactly one of fingerprint, site, value. */
  allow: z
    .array(
      z
        .strictObject({
          /** A finding's fingerprint. */
          fingerprint: z
            .string()
            .regex(/^[0-9a-f]{32}$/, 'expected a 32-character hex fingerprint')
            .optional(),
          /** Glob over site URIs (`file://logs/qa/**`). */
          site: z.string().min(1).optional(),
          /** RE2 pattern that must match a whole raw value (`qa-.*@example\\.com`). */
          value: z
            .string()
            .min(1)
            .refine((v) => checkPattern(v) === undefined, { message: 'not a valid RE2 pattern' })
            .optional(),
          /** Why this is acceptable: shown in reports. */
          reason: z.string().min(1),
          /** Last day before the rule stops accepting (YYYY-MM-DD). Default: never. */
          expires: z.iso.date().optional(),
        })
        .refine((r) => [r.fingerprint, r.site, r.value].filter((x) => x !== undefined).length === 1, {
          message: 'give exactly one of fingerprint, site, value',
        }),
    )
    .default([]),
  /** Who may hold what, in which form (src/config/policy-schema.ts). Default: no plaintext anywhere. */
  policy: policySchema.optional(),
  /** Data-product files to check what is found against (src/config/policy-schema.ts). Default: none. */
  declarations: declarationsSchema.optional(),
  /** How long PII may be kept where (src/config/retention-schema.ts). Default: no limit. */
  retention: retentionSchema.optional(),
});

export type Config = z.infer<typeof configSchema>;
