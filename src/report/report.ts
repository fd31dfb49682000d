/** The JSON report: the contract for audits and for `piiscan report` (src/report/report.schema.json). */
import type { Coverage, Finding, SourceError } from '../types.js';
import type { ScanResult } from '../scan/scan.js';
import { VERSION } from '../version.js';

export interface Summary {
  /** Leak sites reported, in every form. */
  findings: number;
  /** Leak sites in plaintext: what exit code 1 is about. */
  plaintextFindings: number;
  /** Occurrences across all findings. */
  occurrences: number;
  /** Findings per detector id, service, form, sensitivity and category. */
  byDetector: Record<string, number>;
  byService: Record<string, number>;
  byForm: Record<string, number>;
  bySensitivity: Record<string, number>;
  byCategory: Record<string, number>;
}

/** The settings a scan ran with, so a report says what it looked for. */
export interface ReportSettings {
  detectors: string[];
  minConfidence: number;
  maxLocations: number;
  /** True when samples hold raw values (`--show-values`). */
  showValues: boolean;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'piiscan'; version: string };
  /** ISO 8601 times. */
  startedAt: string;
  finishedAt: string;
  targets: string[];
  settings: ReportSettings;
  summary: Summary;
  coverage: Coverage;
  errors: SourceError[];
  findings: Finding[];
}

function countBy(findings: readonly Finding[], key: (f: Finding) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[key(f)] = (counts[key(f)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export function toSummary(findings: readonly Finding[]): Summary {
  return {
    findings: findings.length,
    plaintextFindings: findings.filter((f) => f.form === 'plaintext').length,
    occurrences: findings.reduce((n, f) => n + f.count, 0),
    byDetector: countBy(findings, (f) => f.detector),
    byService: countBy(findings, (f) => f.service),
    byForm: countBy(findings, (f) => f.form),
    bySensitivity: countBy(findings, (f) => f.sensitivity),
    byCategory: countBy(findings, (f) => f.category),
  };
}

export function toReport(result: ScanResult, settings: ReportSettings): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'piiscan', version: VERSION },
    startedAt: result.startedAt.toISOString(),
    finishedAt: result.finishedAt.toISOString(),
    targets: result.targets,
    settings,
    summary: toSummary(result.findings),
    coverage: result.coverage,
    errors: result.errors,
    findings: result.findings,
  };
}
