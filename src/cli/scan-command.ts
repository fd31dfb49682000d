/** `piiscan scan <target...>`: options → settings → scan → report → output and exit code. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { toReport, type Report } from '../report/report.js';
import { formatters } from '../report/formatters.js';
import { scanTargets } from '../scan/scan.js';
import type { ScanSettings } from '../scan/settings.js';
import { selectDetectors } from '../scan/file-scanner.js';
import { createProgressLine } from './progress.js';
import { UserError } from './user-error.js';
import { describeFsError } from '../connectors/fs-errors.js';
import type { RunIO } from './main.js';

export interface ScanCommandOptions {
  format: string;
  output?: string;
  config?: string;
  detectors?: string[];
  minConfidence?: number;
  maxLocations?: number;
  showValues?: boolean;
  allForms?: boolean;
  quiet?: boolean;
  jobs: number | 'auto';
}

/** Exit codes: 2 when a source failed, 1 when plaintext PII was found, else 0. */
export function toExitCode(report: Report): number {
  if (report.errors.length > 0) return 2;
  return report.summary.plaintextFindings > 0 ? 1 : 0;
}

export async function runScan(targets: string[], options: ScanCommandOptions, io: RunIO): Promise<number> {
  const config = await loadConfig(options.config ?? 'piiscan.yaml', { cwd: io.cwd, required: options.config !== undefined });
  const settings: ScanSettings = {
    detectorIds: options.detectors ?? config.detectors ?? [],
    minConfidence: options.minConfidence ?? config.minConfidence ?? 0.5,
    maxLocations: options.maxLocations ?? config.maxLocations ?? 5,
    showValues: options.showValues ?? false,
    serviceField: config.serviceField,
    services: config.services,
  };
  const progress = io.stderrIsTTY && !options.quiet ? createProgressLine(io.writeProgress) : undefined;
  const result = await scanTargets(
    targets,
    settings,
    { cwd: io.cwd, exclude: config.exclude, jobs: options.jobs, ...(progress ? { onProgress: (p) => progress.update(p) } : {}) },
  );
  progress?.done();
  const report = toReport(
    { ...result, targets },
    {
      detectors: selectDetectors(settings.detectorIds).map((d) => d.id),
      minConfidence: settings.minConfidence,
      maxLocations: settings.maxLocations,
      showValues: settings.showValues,
    },
  );
  const color = options.output === undefined && io.stdoutIsTTY && !io.env['NO_COLOR'];
  const text = formatters[options.format]!(report, { color, allForms: options.allForms ?? false });
  if (options.output === undefined) {
    io.stdout(text);
  } else {
    await writeFile(path.resolve(io.cwd, options.output), text).catch((error: unknown) => {
      throw new UserError(`cannot write ${options.output}: ${describeFsError(error)}`);
    });
    if (!options.quiet) io.stderr(`Report written to ${options.output}: ${report.summary.plaintextFindings} plaintext leak sites, ${report.errors.length} errors.\n`);
  }
  return toExitCode(report);
}
