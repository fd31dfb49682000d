/**
 * `piiscan merge <parts...|folder>`: the parts of a sharded scan (`scan --shard`) as one report,
 * equal to a scan of the same targets by one process, with the scan's gate and exit codes.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { loadReport } from '../report/load-report.js';
import { mergeParts, type PartSource } from '../merge/merge-parts.js';
import { emitReport } from './scan-command.js';
import { loadChosenBaseline, toGatedReport, type GateChoice } from './gated-report.js';
import { checkOutput } from './output-file.js';
import type { RunIO } from './main.js';
import { isS3Url } from '../connectors/s3/target.js';
import { resolveLinkKey } from './link-key-option.js';

export interface MergeCommandOptions extends GateChoice {
  config?: string;
  format: string;
  output?: string;
  allForms?: boolean;
  quiet?: boolean;
  /** Merge even with shards missing; coverage names them. */
  allowPartial?: boolean;
  /** Where parts in S3 are read from (`s3://bucket/prefix`): an S3-compatible endpoint, a region. */
  endpointUrl?: string;
  region?: string;
  /** `--link-key-env NAME`: the shards' link key; parts made with another (or none) are refused. */
  linkKeyEnv?: string;
}

/**
 * The parts named: files as given, and a folder's `.json` files in name order but the merge's own
 * output (a report written beside the parts is not one of them).
 */
async function toPartSources(given: readonly string[], io: RunIO, options: MergeCommandOptions): Promise<PartSource[]> {
  const { output } = options;
  const own = output === undefined ? undefined : path.resolve(io.cwd, output);
  const files: string[] = [];
  const stored: PartSource[] = [];
  for (const name of given) {
    if (isS3Url(name)) {
      const { listS3Parts } = await import('../merge/s3-parts.js');
      const { endpointUrl: endpoint, region } = options;
      stored.push(...(await listS3Parts(name, { ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}) })));
      continue;
    }
    const info = await stat(path.resolve(io.cwd, name)).catch(() => undefined);
    if (!info?.isDirectory()) {
      files.push(name);
      continue;
    }
    const entries = await readdir(path.resolve(io.cwd, name));
    for (const entry of entries.filter((e) => e.endsWith('.json')).sort())
      if (path.resolve(io.cwd, name, entry) !== own) files.push(path.join(name, entry));
  }
  return [...files.map((file) => ({ name: file, read: () => loadReport(file, io.cwd) })), ...stored];
}

export async function runMerge(parts: string[], options: MergeCommandOptions, io: RunIO): Promise<number> {
  if (options.output !== undefined) await checkOutput(options.output, io);
  const { config, source } = await loadConfig(options.config ?? 'piiscan.yaml', {
    cwd: io.cwd,
    required: options.config !== undefined,
  });
  const baseline = await loadChosenBaseline(options, config, io.cwd);
  const keyCheck = options.linkKeyEnv === undefined ? undefined : resolveLinkKey(options.linkKeyEnv, io.env).check;
  const merged = await mergeParts(await toPartSources(parts, io, options), {
    allowPartial: options.allowPartial ?? false,
    ...(keyCheck ? { keyCheck } : {}),
  });
  if (!options.quiet && merged.missing.length > 0)
    io.stderr(
      `Merged without ${merged.missing.length} of ${merged.first.shard!.count} shards (coverage.missingShards).\n`,
    );
  // Only the JSON report's coverage says so otherwise: a hashed column's link may be in another shard.
  const { findings, coverage } = merged.result;
  if (
    !options.quiet &&
    coverage.linkablePseudonyms === 'within-shards' &&
    merged.first.shard!.count > 1 &&
    findings.some((f) => f.form === 'hashed')
  )
    io.stderr(
      'Hashed values were compared with plaintext ones within each shard only (coverage.linkablePseudonyms): ' +
        'give every shard and the merge --link-key-env to compare them across shards.\n',
    );
  const { detectors, minConfidence, maxLocations, showValues } = merged.first.settings;
  const report = await toGatedReport(merged.result, {
    config,
    source: source ?? merged.first.run.config,
    options,
    baseline,
    today: new Date().toISOString().slice(0, 10),
    settings: { detectors, minConfidence, maxLocations, showValues },
  });
  return emitReport(report, options, io);
}
