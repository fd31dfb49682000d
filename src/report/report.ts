/** The JSON report: the contract for audits and for `piiscan report` (src/report/report.schema.json). */
import { hostname } from 'node:os';
import type { Coverage } from '../runner/coverage.js';
import type { Finding } from '../sites/finding.js';
import type { SourceError } from '../errors/source-error.js';
import type { ScanResult } from '../runner/run.js';
import type { PipelineResult } from '../pipeline/index.js';
import type { AllowStatus } from '../pipeline/allow.js';
import type { BaselineComparison } from '../pipeline/baseline.js';
import { isFailing, type GateOptions } from '../gate/gate.js';
import { VERSION } from '../version.js';
import type { DeclarationsReport } from '../pipeline/declarations/apply.js';
import type { ShardRecord } from '../runner/shard/part-record.js';

/** Bumped on any incompatible change; `piiscan report` reads this version only. */
export const SCHEMA_VERSION = 4;

export interface Summary {
  /** Leak sites reported, in every form. */
  findings: number;
  /** Leak sites in plaintext. */
  plaintextFindings: number;
  /** New findings: plaintext, not in the baseline, not allowed, at least `minSensitivity` (gate.ts). */
  newFindings: number;
  /** Findings accepted by an allow rule. */
  allowedFindings: number;
  /** Findings whose PII is older than their retention rule allows (src/pipeline/retention/). */
  retentionExceeded?: number;
  /** Findings that fail the gate: what exit code 1 is about. */
  failing: number;
  /** Occurrences across all findings. */
  occurrences: number;
  /** Findings per detector id, service, form, sensitivity and category. */
  byDetector: Record<string, number>;
  byService: Record<string, number>;
  byForm: Record<string, number>;
  bySensitivity: Record<string, number>;
  byCategory: Record<string, number>;
}

/** The settings a scan ran with, so a report says what it looked for and what fails it. */
export interface ReportSettings extends GateOptions {
  detectors: string[];
  minConfidence: number;
  maxLocations: number;
  /** True when samples hold raw values (`--show-values`). */
  showValues: boolean;
}

/** Where and with what the scan ran (host name only, no user or path). */
export interface RunInfo {
  host: string;
  /** The config file and the SHA-256 of its bytes, or null when none was used. */
  config: { file: string; sha256: string } | null;
}

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'piiscan'; version: string };
  /** ISO 8601 times. */
  startedAt: string;
  finishedAt: string;
  run: RunInfo;
  targets: string[];
  settings: ReportSettings;
  summary: Summary;
  coverage: Coverage;
  errors: SourceError[];
  /** How the findings compare with the baseline, or null without one. */
  baseline: BaselineComparison | null;
  /** Every allow rule of the config with what it accepted. */
  allowlist: AllowStatus[];
  findings: Finding[];
  /** Data products checked (`--declarations`), their coverage and stale declarations; null without. */
  declarations?: DeclarationsReport | null;
  /** A shard's part only (`scan --shard`): which shard of which plan, for `piiscan merge`. */
  shard?: ShardRecord;
}

function countBy(findings: readonly Finding[], key: (f: Finding) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[key(f)] = (counts[key(f)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export function toSummary(findings: readonly Finding[], gate: GateOptions): Summary {
  return {
    findings: findings.length,
    plaintextFindings: findings.filter((f) => f.form === 'plaintext').length,
    newFindings: findings.filter((f) => f.new).length,
    allowedFindings: findings.filter((f) => f.allowed).length,
    ...(findings.some((f) => f.retention)
      ? { retentionExceeded: findings.filter((f) => f.retention?.status === 'exceeded').length }
      : {}),
    failing: findings.filter((f) => isFailing(f, gate)).length,
    occurrences: findings.reduce((n, f) => n + f.count, 0),
    byDetector: countBy(findings, (f) => f.detector),
    byService: countBy(findings, (f) => f.service),
    byForm: countBy(findings, (f) => f.form),
    bySensitivity: countBy(findings, (f) => f.sensitivity),
    byCategory: countBy(findings, (f) => f.category),
  };
}

export function toReport(
  result: ScanResult,
  pipeline: PipelineResult,
  context: { settings: ReportSettings; config: RunInfo['config'] },
): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'piiscan', version: VERSION },
    startedAt: result.startedAt.toISOString(),
    finishedAt: result.finishedAt.toISOString(),
    run: { host: hostname(), config: context.config },
    targets: result.targets,
    settings: context.settings,
    summary: toSummary(pipeline.findings, context.settings),
    coverage: result.coverage,
    errors: result.errors,
    baseline: pipeline.baseline ?? null,
    allowlist: pipeline.allowlist,
    findings: pipeline.findings,
    declarations: pipeline.declarations ?? null,
    ...(result.shard ? { shard: result.shard } : {}),
  };
}

/** Exit codes: 2 when a source failed, 1 when a finding fails the gate, else 0. */
export function toExitCode(report: Report): number {
  if (report.errors.length > 0) return 2;
  // A part's findings fail nothing: the merge of all parts applies the gate.
  if (report.shard) return 0;
  return report.summary.failing > 0 ? 1 : 0;
}
