/**
 * `piiscan baseline <target...>`: writes the accepted plaintext findings of a scan, or with
 * `--prune` removes the entries of an existing baseline that nothing matches any more, among
 * the sites under the targets scanned.
 */
import { formatBaseline, loadBaseline, pruneBaseline, toBaseline } from '../pipeline/baseline.js';
import { scanToReport, toConfigRoot, type ScanOptions } from './scan-command.js';
import { checkOutput, writeOutput } from './output-file.js';
import type { RunIO } from './main.js';
import { createTargetScope } from './target-scope.js';
import { UserError } from '../errors/user-error.js';
import { plural } from '../report/text.js';
import { toPrintable } from '../errors/printable.js';

export interface BaselineCommandOptions extends ScanOptions {
  output: string;
  prune?: boolean;
}

export async function runBaseline(targets: string[], options: BaselineCommandOptions, io: RunIO): Promise<number> {
  await checkOutput(options.output, io);
  const report = await scanToReport(targets, { ...options, baseline: false }, io);
  const accepted = report.findings.filter((f) => !f.allowed);
  let text: string;
  let message: string;
  if (options.prune) {
    const before = await loadBaseline(options.output, io.cwd);
    // A source that could not be read has no findings: its entries would all look stale.
    if (report.errors.length > 0)
      throw new UserError(
        `${options.output}: not pruned: ${plural(report.errors.length, 'source')} could not be read (${report.errors[0]!.source}: ${report.errors[0]!.message})`,
      );
    const pruned = pruneBaseline(
      before,
      accepted,
      await createTargetScope(report.targets, {
        cwd: io.cwd,
        ...(report.run.config ? { root: toConfigRoot(report.run.config.file, io.cwd) } : {}),
      }),
    );
    const removed = Object.keys(before.findings).length - Object.keys(pruned.findings).length;
    text = formatBaseline(pruned);
    message = `${options.output}: ${Object.keys(pruned.findings).length} entries, ${removed} stale removed`;
  } else {
    const baseline = toBaseline(accepted);
    text = formatBaseline(baseline);
    message = `${options.output}: ${Object.keys(baseline.findings).length} accepted plaintext findings`;
  }
  await writeOutput(options.output, text, io);
  if (!options.quiet)
    io.stderr(
      `${toPrintable(message)}${report.errors.length > 0 ? `; ${report.errors.length} sources failed` : ''}.\n`,
    );
  return report.errors.length > 0 ? 2 : 0;
}
