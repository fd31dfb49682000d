/** `piiscan scan <target...>`: options → settings → scan → pipeline → report → output and exit code. */
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { toExitCode, toReport, type Report } from '../report/report.js';
import { formatters } from '../report/formatters.js';
import { plural } from '../report/text.js';
import { toPrintable } from '../errors/printable.js';
import { scanTargets } from '../runner/run.js';
import type { ScanSettings } from '../sites/settings.js';
import type { DatabaseOptions } from '../connectors/database/connector.js';
import type { S3Options } from '../connectors/s3/index.js';
import { selectDetectors } from '../sites/record-scanner.js';
import { runPipeline } from '../pipeline/index.js';
import { applyGate } from '../gate/index.js';
import { loadBaseline } from '../pipeline/baseline.js';
import { toValueRules } from '../pipeline/allow.js';
import type { FailOn, GateOptions } from '../gate/gate.js';
import type { Owner } from '../sites/finding.js';
import type { Sensitivity } from '../engine/detector.js';
import type { Config } from '../config/schema.js';
import { createProgressLine } from './progress.js';
import { UserError } from '../errors/user-error.js';
import { checkTargets } from './check-targets.js';
import { checkOutput, writeOutput } from './output-file.js';
import type { RunIO } from './main.js';

/** Options shared by every command that scans. */
export interface ScanOptions {
  config?: string;
  detectors?: string[];
  minConfidence?: number;
  maxLocations?: number;
  showValues?: boolean;
  quiet?: boolean;
  jobs: number | 'auto';
  /** Baseline file; false (`--no-baseline`) ignores the config's. */
  baseline?: string | false;
  failOn?: FailOn;
  minSensitivity?: Sensitivity;
  /** Globs over schema.table and schema.table.column (databases) or object keys (S3). */
  include?: string[];
  exclude?: string[];
  sampleRows: number;
  full?: boolean;
  seed?: number;
  concurrency: number;
  statementTimeout: number;
  lockTimeout: number;
  endpointUrl?: string;
  region?: string;
  profile?: string;
  maxObjectSize: number;
  sampleObjects: number;
  /** Redis: keys read per key group; 0 reads all. */
  sampleKeys: number;
}

export interface ScanCommandOptions extends ScanOptions {
  format: string;
  output?: string;
  allForms?: boolean;
}

/** Today as YYYY-MM-DD in UTC, for allow rule expiry. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Targets as given, with config source names replaced by their URLs (password from its variable). */
function resolveTargets(targets: string[], config: Config, env: RunIO['env']): string[] {
  const given = targets.length > 0 ? targets : config.sources.map((s) => s.name);
  if (given.length === 0)
    throw new UserError(
      'give a target (a file, a folder, a database URL or an s3:// URL), or define sources in piiscan.yaml',
    );
  return given.map((target) => {
    const index = config.sources.findIndex((s) => s.name === target);
    if (index === -1) return target;
    const source = config.sources[index]!;
    if (!source.passwordEnv) return source.url;
    const password = env[source.passwordEnv];
    if (password === undefined)
      throw new UserError(`sources[${index}].passwordEnv: the environment variable ${source.passwordEnv} is not set`);
    if (!URL.canParse(source.url)) throw new UserError(`sources[${index}].url: not a valid URL`);
    const url = new URL(source.url);
    url.password = password;
    return url.toString();
  });
}

/** Command-line options over the config over the defaults. */
function toScanSettings(options: ScanOptions, config: Config): ScanSettings {
  return {
    detectorIds: options.detectors ?? config.detectors ?? [],
    minConfidence: options.minConfidence ?? config.minConfidence ?? 0.5,
    maxLocations: options.maxLocations ?? config.maxLocations ?? 5,
    showValues: options.showValues ?? false,
    serviceField: config.serviceField,
    services: config.services.map(({ service, match }) => ({ service, match })),
    allowValues: toValueRules(config.allow, today()),
  };
}

/** How databases are read; a random seed when none is given (it is printed). */
function toDatabaseOptions(options: ScanOptions): DatabaseOptions {
  return {
    sampleRows: options.sampleRows,
    full: options.full ?? false,
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
    statementTimeoutMs: options.statementTimeout,
    lockTimeoutMs: options.lockTimeout,
    concurrency: options.concurrency,
    include: options.include ?? [],
    exclude: options.exclude ?? [],
  };
}

/** How S3 targets are read: command line over the config's `s3:` section. */
function toS3Options(options: ScanOptions, config: Config, seed: number): S3Options {
  const s3 = config.s3 ?? {};
  const endpoint = options.endpointUrl ?? s3.endpoint;
  const region = options.region ?? s3.region;
  const profile = options.profile ?? s3.profile;
  return {
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(profile ? { profile } : {}),
    ...(s3.forcePathStyle !== undefined ? { forcePathStyle: s3.forcePathStyle } : {}),
    concurrency: options.concurrency,
    include: options.include ?? [],
    exclude: options.exclude ?? [],
    excludeUris: config.exclude,
    maxObjectBytes: options.maxObjectSize,
    sampleObjects: options.sampleObjects,
    seed,
  };
}

/** The root of file URIs when a config file was read: its folder. */
export function toConfigRoot(configFile: string, cwd: string): string {
  return path.dirname(path.resolve(cwd, configFile));
}

/** Runs a scan of `targets` and returns its report; known failures throw UserError. */
export async function scanToReport(targets: string[], options: ScanOptions, io: RunIO): Promise<Report> {
  const { config, source } = await loadConfig(options.config ?? 'piiscan.yaml', {
    cwd: io.cwd,
    required: options.config !== undefined,
  });
  const resolved = resolveTargets(targets, config, io.env);
  checkTargets(resolved, io.cwd);
  const baselineFile = options.baseline === false ? undefined : (options.baseline ?? config.baseline);
  const baseline =
    baselineFile === undefined ? undefined : { file: baselineFile, baseline: await loadBaseline(baselineFile, io.cwd) };
  const settings = toScanSettings(options, config);
  const progress = io.stderrIsTTY && !options.quiet ? createProgressLine(io.writeProgress) : undefined;
  const database = toDatabaseOptions(options);
  const seed = database.seed;
  const result = await scanTargets(resolved, settings, {
    sources: {
      files: { cwd: io.cwd, ...(source ? { root: toConfigRoot(source.file, io.cwd) } : {}), exclude: config.exclude },
      s3: toS3Options(options, config, seed),
      redis: { sampleKeys: options.sampleKeys, seed, include: options.include ?? [], exclude: options.exclude ?? [] },
      database,
    },
    jobs: options.jobs,
    ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
  });
  progress?.done();
  if (!options.quiet && result.coverage.tables.some((t) => t.sampled))
    io.stderr(`Sampled large tables with seed ${seed} (--seed ${seed} repeats this sample).\n`);
  const sampledObjects = result.coverage.objects.find((o) => o.sampled);
  if (!options.quiet && sampledObjects)
    io.stderr(
      `Sampled ${sampledObjects.sampleObjects} objects per group with seed ${seed} (--seed ${seed} repeats this sample).\n`,
    );
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
    today: today(),
    ...(baseline ? { baseline } : {}),
  });
  const pipeline = { ...annotated, findings: applyGate(annotated.findings, gate) };
  return toReport(result, pipeline, {
    config: source,
    settings: {
      detectors: selectDetectors(settings.detectorIds).map((d) => d.id),
      minConfidence: settings.minConfidence,
      maxLocations: settings.maxLocations,
      showValues: settings.showValues,
      ...gate,
    },
  });
}

/** Prints or writes a report in a format; returns the exit code the report calls for. */
export async function emitReport(
  report: Report,
  options: { format: string; output?: string; allForms?: boolean; quiet?: boolean },
  io: RunIO,
): Promise<number> {
  const color = options.output === undefined && io.stdoutIsTTY && !io.env['NO_COLOR'];
  const text = formatters[options.format]!(report, { color, allForms: options.allForms ?? false });
  if (options.output === undefined) {
    io.stdout(text);
  } else {
    await writeOutput(options.output, text, io);
    if (!options.quiet) {
      const { failing, plaintextFindings } = report.summary;
      io.stderr(
        `Report written to ${toPrintable(options.output)}: ${failing} failing, ${plural(plaintextFindings, 'plaintext leak site')}, ${plural(report.errors.length, 'error')}.\n`,
      );
    }
  }
  return toExitCode(report);
}

export async function runScan(targets: string[], options: ScanCommandOptions, io: RunIO): Promise<number> {
  if (options.output !== undefined) await checkOutput(options.output, io);
  return emitReport(await scanToReport(targets, options, io), options, io);
}
