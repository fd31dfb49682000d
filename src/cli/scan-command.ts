/** `piiscan scan <target...>`: options → settings → scan → pipeline → report → output and exit code. */
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { toExitCode, type Report } from '../report/report.js';
import { formatterFor } from '../report/formatters.js';
import { plural } from '../report/text.js';
import { toPrintable } from '../errors/printable.js';
import { scanTargets } from '../runner/run.js';
import type { ScanSettings } from '../sites/settings.js';
import type { DatabaseOptions } from '../connectors/database/connector.js';
import type { S3Options } from '../connectors/s3/index.js';
import type { SourceSettings } from '../connectors/registry.js';
import type { AzureOptions } from '../connectors/azure/index.js';
import { selectDetectors } from '../sites/record-scanner.js';
import { toValueRules } from '../pipeline/allow.js';
import type { FailOn } from '../gate/gate.js';
import type { Sensitivity } from '../engine/detector.js';
import type { Config } from '../config/schema.js';
import { createProgressLine } from './progress.js';
import { toEpochTime } from './options.js';
import { UserError } from '../errors/user-error.js';
import { checkTargets } from './check-targets.js';
import { checkOutput, writeOutput } from './output-file.js';
import type { RunIO } from './main.js';
import { cacheFolder } from '../source/cache.js';
import { toServiceSources } from './service-sources.js';
import { resolveShard, toShardOutput } from './shard-option.js';
import { loadChosenBaseline, toGatedReport } from './gated-report.js';
import { settleShardSettings } from './shard-settings.js';
import { resolveLinkKey } from './link-key-option.js';
import type { ShardSpec } from '../runner/shard/plan-shard.js';

/** Options shared by every command that scans. */
export interface ScanOptions {
  config?: string;
  /** Globs of data-product files (`products/**\/product.yaml`); overrides the config's. */
  declarations?: string[];
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
  /** Azure: the blob service URL of the account (an emulator's). */
  azureEndpoint?: string;
  region?: string;
  profile?: string;
  maxObjectSize: number;
  sampleObjects: number;
  /** `--source service=folder`: code checkouts, over the config's `services[].source`. */
  source?: Record<string, string>;
  /** `--shard INDEX/COUNT`: read only this shard's units and write a part for `piiscan merge`. */
  shard?: ShardSpec;
  /** `--shards COUNT`: the index from JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX. */
  shards?: number;
  /** `--link-key-env NAME`: a sharded scan's link key is in this variable (ignored by a whole scan). */
  linkKeyEnv?: string;
  /** `--split-size`: text size above which a file, object or table is read as several units. */
  splitSize?: number;
  /** `--inventory`: an S3 Inventory manifest.json listing the buckets scanned. */
  inventory?: string;
  /** Redis: keys read per key group; 0 reads all. */
  sampleKeys: number;
  /** Reference time for retention (epoch ms), from `--now` or PIISCAN_NOW; default the scan's start. */
  now?: number;
}

export interface ScanCommandOptions extends ScanOptions {
  format: string;
  output?: string;
  allForms?: boolean;
}

/** Largest shard load over the mean above which a sharded scan says its shards are uneven. */
const IMBALANCE_NOTED = 1.2;

/** Today as YYYY-MM-DD in UTC, for allow rule expiry. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Targets as given, with config source names replaced by their URLs (password from its variable). */
export function resolveTargets(targets: string[], config: Config, env: RunIO['env']): string[] {
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
function toDatabaseOptions(options: ScanOptions, config: Config): DatabaseOptions {
  return {
    sampleRows: options.sampleRows,
    full: options.full ?? false,
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
    statementTimeoutMs: options.statementTimeout,
    lockTimeoutMs: options.lockTimeout,
    concurrency: options.concurrency,
    include: options.include ?? [],
    exclude: options.exclude ?? [],
    primaryKeys: true,
    ...(config.retention?.timestampColumns ? { timestampColumns: config.retention.timestampColumns } : {}),
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
    ...(options.inventory ? { inventory: options.inventory } : {}),
  };
}

/** The data products to check, from `--declarations` or the config; undefined when none are named. */
async function toDeclarations(options: ScanOptions, config: Config, cwd: string) {
  const given = options.declarations ?? config.declarations?.files;
  if (given === undefined) return undefined;
  const { loadProducts } = await import('../pipeline/declarations/load-products.js');
  const products = await loadProducts(typeof given === 'string' ? [given] : given, cwd);
  const sources = Object.fromEntries(
    Object.entries(config.declarations?.products ?? {}).map(([name, g]) => [name, typeof g === 'string' ? [g] : g]),
  );
  return { products, sources };
}

/** Whether a retention rule may apply, so occurrences are dated as they are found. */
function isDated(config: Config, declarations: Awaited<ReturnType<typeof toDeclarations>>): boolean {
  const rules = config.retention?.rules ?? {};
  const columns = config.retention?.timestampColumns ?? {};
  return (
    Object.keys(rules).length > 0 ||
    Object.keys(columns).length > 0 ||
    (declarations?.products.some((p) => p.retention) ?? false)
  );
}

/** The reference time from PIISCAN_NOW (for tests and reruns), when set. */
function toNow(env: RunIO['env']): number | undefined {
  const given = env['PIISCAN_NOW'];
  if (given === undefined || given === '') return undefined;
  const at = toEpochTime(given);
  if (at === undefined)
    throw new UserError(`PIISCAN_NOW: expected an ISO 8601 date or time, got ${toPrintable(given)}`);
  return at;
}

/** What each source is told, from the options and the config (and the config file's folder). */
export function toSourceSettings(
  options: ScanOptions,
  { config, file }: { config: Config; file?: string },
  cwd: string,
): SourceSettings {
  const database = toDatabaseOptions(options, config);
  return {
    files: { cwd, ...(file ? { root: toConfigRoot(file, cwd) } : {}), exclude: config.exclude },
    s3: toS3Options(options, config, database.seed),
    azure: toAzureOptions(options, config, database.seed),
    redis: {
      sampleKeys: options.sampleKeys,
      seed: database.seed,
      include: options.include ?? [],
      exclude: options.exclude ?? [],
    },
    database,
    ...(options.splitSize === undefined ? {} : { splitBytes: options.splitSize }),
  };
}

/** How Azure targets are read: command line over the config's `azure:` section; the rest as S3's. */
function toAzureOptions(options: ScanOptions, config: Config, seed: number): AzureOptions {
  const { concurrency, include, exclude, excludeUris, maxObjectBytes, sampleObjects } = toS3Options(
    options,
    config,
    seed,
  );
  const endpoint = options.azureEndpoint ?? config.azure?.endpoint;
  const common = { concurrency, include, exclude, maxObjectBytes, sampleObjects, seed };
  return { ...common, ...(endpoint ? { endpoint } : {}), ...(excludeUris ? { excludeUris } : {}) };
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
  const shard = resolveShard(options, io.env);
  const baseline = await loadChosenBaseline(options, config, io.cwd);
  const declarations = await toDeclarations(options, config, io.cwd);
  const settings = { ...toScanSettings(options, config), ...(isDated(config, declarations) ? { dates: true } : {}) };
  const progress = io.stderrIsTTY && !options.quiet ? createProgressLine(io.writeProgress) : undefined;
  const sources = toSourceSettings(options, { config, ...(source ? { file: source.file } : {}) }, io.cwd);
  const settingsDigest = shard
    ? settleShardSettings(settings, { sources, targets: resolved, seed: options.seed })
    : undefined;
  const seed = sources.database.seed;
  // A whole scan compares its samples in its own process: it needs no key.
  const linkKey = shard && options.linkKeyEnv !== undefined ? resolveLinkKey(options.linkKeyEnv, io.env) : undefined;
  const result = await scanTargets(resolved, settings, {
    sources,
    jobs: options.jobs,
    ...(shard ? { shard } : {}),
    ...(linkKey ? { linkKey } : {}),
    ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
  });
  if (result.shard && settingsDigest)
    Object.assign(result.shard, { settings: settingsDigest, valueHits: result.valueHits });
  progress?.done();
  if (!options.quiet && result.shard && result.shard.imbalance > IMBALANCE_NOTED)
    io.stderr(
      `Shard loads are uneven (imbalance ${result.shard.imbalance}): a unit larger than the rest holds one shard back.\n`,
    );
  if (!options.quiet && result.coverage.tables.some((t) => t.sampled))
    io.stderr(`Sampled large tables with seed ${seed} (--seed ${seed} repeats this sample).\n`);
  const sampledObjects = result.coverage.objects.find((o) => o.sampled);
  if (!options.quiet && sampledObjects)
    io.stderr(
      `Sampled ${sampledObjects.sampleObjects} objects per group with seed ${seed} (--seed ${seed} repeats this sample).\n`,
    );
  const now = options.now ?? toNow(io.env);
  return toGatedReport(result, {
    config,
    source,
    options,
    baseline,
    today: today(),
    ...(declarations ? { declarations } : {}),
    ...(now === undefined ? {} : { now }),
    code: { sources: toServiceSources(config, source?.file, options.source, io.cwd), cache: cacheFolder(io.env) },
    settings: {
      detectors: selectDetectors(settings.detectorIds).map((d) => d.id),
      minConfidence: settings.minConfidence,
      maxLocations: settings.maxLocations,
      showValues: settings.showValues,
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
  const text = (await formatterFor(options.format))(report, { color, allForms: options.allForms ?? false });
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

export async function runScan(targets: string[], given: ScanCommandOptions, io: RunIO): Promise<number> {
  const output = toShardOutput(given.output, resolveShard(given, io.env));
  const options = output === undefined ? given : { ...given, output };
  if (options.output !== undefined) await checkOutput(options.output, io);
  return emitReport(await scanToReport(targets, options, io), options, io);
}
