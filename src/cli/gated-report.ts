/**
 * A report from aggregated findings, for a scan and for a merge of parts alike: owners, baseline
 * and allow rules from the config (the pipeline), then the gate, then the report.
 */
import type { Config } from '../config/schema.js';
import type { Sensitivity } from '../engine/detector.js';
import type { FailOn, GateOptions } from '../gate/gate.js';
import { applyGate } from '../gate/index.js';
import { loadBaseline, type Baseline } from '../pipeline/baseline.js';
import { runPipeline } from '../pipeline/index.js';
import { toReport, type Report, type ReportSettings, type RunInfo } from '../report/report.js';
import type { ScanResult } from '../runner/run.js';
import type { Owner } from '../sites/finding.js';
import type { DeclarationsInput } from '../pipeline/declarations/apply.js';
import { attachSources, type ServiceSource } from '../source/attach.js';
import { toConfigRules, toProductRules } from '../pipeline/retention/rules.js';

/** The gate's options as given on the command line (over the config's). */
export interface GateChoice {
  /** Baseline file; false (`--no-baseline`) ignores the config's. */
  baseline?: string | false;
  failOn?: FailOn;
  minSensitivity?: Sensitivity;
}

export type LoadedBaseline = { file: string; baseline: Baseline } | undefined;

/** The baseline the command line or the config names, read. */
export async function loadChosenBaseline(options: GateChoice, config: Config, cwd: string): Promise<LoadedBaseline> {
  const file = options.baseline === false ? undefined : (options.baseline ?? config.baseline);
  return file === undefined ? undefined : { file, baseline: await loadBaseline(file, cwd) };
}

export async function toGatedReport(
  result: ScanResult,
  context: {
    config: Config;
    source: RunInfo['config'];
    options: GateChoice;
    baseline: LoadedBaseline;
    settings: Omit<ReportSettings, keyof GateOptions>;
    today: string;
    /** Data products to check the findings against (`--declarations`). */
    declarations?: Omit<DeclarationsInput, 'complete'>;
    /** Reference time for retention (`--now`, epoch ms); default the scan's start. */
    now?: number;
    /** Services' code checkouts, for log findings' statements, and the index cache folder. */
    code?: { sources: readonly ServiceSource[]; cache: string };
  },
): Promise<Report> {
  const { config, options, baseline } = context;
  const owners = new Map<string, Owner>();
  for (const s of config.services) if (s.owner && !owners.has(s.service)) owners.set(s.service, s.owner);
  const gate: GateOptions = {
    failOn: options.failOn ?? config.failOn ?? (baseline ? 'new' : 'any'),
    minSensitivity: options.minSensitivity ?? config.minSensitivity ?? 'standard',
  };
  const annotated = runPipeline(result.findings, {
    owners,
    allow: config.allow,
    valueHits: result.valueHits,
    ...(config.policy ? { policy: config.policy } : {}),
    ...(context.declarations
      ? { declarations: { ...context.declarations, complete: result.errors.length === 0 } }
      : {}),
    today: context.today,
    ...(baseline ? { baseline } : {}),
    retention: {
      rules: [
        ...toConfigRules(config.retention?.rules ?? {}),
        ...toProductRules(context.declarations?.products ?? [], context.declarations?.sources ?? {}),
      ],
      now: context.now ?? result.startedAt.getTime(),
    },
  });
  const gated = applyGate(annotated.findings, gate);
  // Every scan attaches code locations: a log line may carry its own (OpenTelemetry `code.*`)
  // without any service source given.
  const findings = context.code ? await attachSources(gated, context.code) : gated;
  const pipeline = { ...annotated, findings };
  return toReport(result, pipeline, { config: context.source, settings: { ...context.settings, ...gate } });
}
