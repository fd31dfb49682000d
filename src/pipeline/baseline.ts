/**
 * Baselines: the accepted plaintext findings, keyed by fingerprint. A baseline holds no values, no
 * line numbers, no counts and no timestamps, and is written with sorted keys, so re-running on
 * unchanged data changes nothing and a new leak is a one-entry diff.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FORMS, type Form } from '../engine/detector.js';
import { SITE_KINDS } from '../connectors/records.js';
import { type Finding, type Site } from '../sites/finding.js';
import { UserError } from '../errors/user-error.js';
import { isViolation } from '../sites/verdict.js';
import { toJsonText } from '../errors/printable.js';

/** What a reader needs to recognise an accepted finding. */
export interface BaselineEntry {
  detector: string;
  service: string;
  form: Form;
  site: Site;
  /** `retention`: the finding's retention exceeded, accepted apart from the finding itself. */
  kind?: 'retention';
}

/**
 * The baseline format's version. 2: fingerprints of file sites hash the root-relative rotation
 * group and the template's key (version 1 hashed the working-folder path and the whole template),
 * so a version 1 file would make every finding new: it is refused with what to do instead.
 */
export const BASELINE_VERSION = 2;

export interface Baseline {
  version: typeof BASELINE_VERSION;
  tool: 'piiscan';
  findings: Record<string, BaselineEntry>;
}

/** How a scan's findings compare with a baseline. */
export interface BaselineComparison {
  file: string;
  entries: number;
  /** Baseline entries that a finding still matches. */
  matched: number;
  /** Entries nothing matched this time: `piiscan baseline --prune` removes them. */
  stale: Array<BaselineEntry & { fingerprint: string }>;
}

/** The schema of a baseline file, made when one is read, so scans without a baseline never load zod. */
async function baselineSchema() {
  const { z } = await import('zod');
  const entry = z.object({
    detector: z.string(),
    service: z.string(),
    form: z.enum(FORMS),
    site: z.object({
      kind: z.enum(SITE_KINDS),
      uri: z.string(),
      template: z.string(),
      jsonPath: z.string().optional(),
    }),
    kind: z.literal('retention').optional(),
  });
  return z.object({
    version: z.literal(BASELINE_VERSION),
    tool: z.literal('piiscan'),
    findings: z.record(z.string().regex(/^[0-9a-f]{32}$/), entry),
  });
}

function toEntry(f: Finding): BaselineEntry {
  return { detector: f.detector, service: f.service, form: f.form, site: f.site };
}

/**
 * The baseline that accepts every finding given that breaks the policy (without one: plaintext),
 * and every retention exceeded, under its own key (no date goes in: the same entry holds tomorrow).
 */
export function toBaseline(findings: readonly Finding[]): Baseline {
  const entries = [
    ...findings.filter(isViolation).map((f) => [f.fingerprint, toEntry(f)] as const),
    ...findings
      .filter((f) => f.retention?.status === 'exceeded')
      .map((f) => [f.retention!.fingerprint, { ...toEntry(f), kind: 'retention' as const }] as const),
  ];
  return {
    version: BASELINE_VERSION,
    tool: 'piiscan',
    findings: Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b))),
  };
}

/**
 * The baseline without its stale entries among the sites the scan covered (`inScope`): entries of
 * sites elsewhere stay.
 */
export function pruneBaseline(
  baseline: Baseline,
  findings: readonly Finding[],
  inScope: (site: Site) => boolean,
): Baseline {
  const present = new Set(findings.flatMap((f) => [f.fingerprint, ...(f.retention ? [f.retention.fingerprint] : [])]));
  return {
    ...baseline,
    findings: Object.fromEntries(
      Object.entries(baseline.findings).filter(([fp, entry]) => present.has(fp) || !inScope(entry.site)),
    ),
  };
}

export function formatBaseline(baseline: Baseline): string {
  return toJsonText(baseline);
}

export async function loadBaseline(file: string, cwd: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      `${file}: ${code === 'ENOENT' ? 'no such baseline file (create one with piiscan baseline)' : (error as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UserError(`${file}: not a JSON file`);
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version < BASELINE_VERSION) {
    throw new UserError(
      `${file}: a version ${version} baseline, whose fingerprints this piiscan computes differently: make it again with piiscan baseline (and review what it accepts)`,
    );
  }
  const result = (await baselineSchema()).safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UserError(`${file}: not a piiscan baseline (${issue.path.join('.') || 'top level'}: ${issue.message})`);
  }
  return result.data;
}

/** Marks the findings the baseline holds and lists its stale entries. */
export function compareWithBaseline(
  findings: Finding[],
  baseline: Baseline,
  file: string,
): { findings: Finding[]; comparison: BaselineComparison } {
  const seen = new Set<string>();
  const marked = findings.map((f) => {
    const known = f.fingerprint in baseline.findings;
    if (known) seen.add(f.fingerprint);
    if (f.retention === undefined) return { ...f, inBaseline: known };
    const kept = f.retention.fingerprint in baseline.findings;
    if (kept) seen.add(f.retention.fingerprint);
    return { ...f, inBaseline: known, retention: { ...f.retention, inBaseline: kept } };
  });
  const stale = Object.entries(baseline.findings)
    .filter(([fp]) => !seen.has(fp))
    .map(([fingerprint, entry]) => ({ fingerprint, ...entry }));
  return {
    findings: marked,
    comparison: { file, entries: Object.keys(baseline.findings).length, matched: seen.size, stale },
  };
}
