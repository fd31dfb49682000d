/**
 * The CLI as a function: `run(argv, io)` parses, runs and returns the exit code and what it
 * wrote. It never touches `process`; bin/piiscan.js does. Known failures (usage, config) are one
 * line and exit 2; anything else is an internal error, also one line unless PIISCAN_DEBUG is set.
 */
import { Command, CommanderError, Option } from 'commander';
import { UserError } from './user-error.js';
import { formatters } from '../report/formatters.js';
import { VERSION } from '../version.js';
import { formatDetectors } from './detectors-command.js';
import { parseConfidence, parseCount, parseDetectorIds, parseFormat, parseJobs } from './options.js';
import { runScan, type ScanCommandOptions } from './scan-command.js';

export interface RunIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress redraws (stderr on a terminal). */
  writeProgress: (text: string) => void;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const EXIT_CODES = `
Exit codes:
  0  no plaintext PII found
  1  plaintext PII found
  2  usage or config error, or a source that could not be read (the rest is still scanned and reported)`;

function createProgram(io: RunIO, setExit: (code: number) => void): Command {
  const program = new Command('piiscan')
    .description('Find plaintext PII in logs and files, classify its form, and report each leak site with the service that owns it.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .addHelpText('after', EXIT_CODES);
  program
    .command('scan')
    .description('scan files and folders (recursively; .gz decompressed on the fly)')
    .argument('<target...>', 'files or folders')
    .addOption(new Option('-f, --format <format>', `output format: ${Object.keys(formatters).join(', ')}`).default('table').argParser(parseFormat))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'config file (default: piiscan.yaml in the working folder, if present)')
    .option('--detectors <ids>', 'comma-separated detector ids to run (default: all)', parseDetectorIds)
    .option('--min-confidence <n>', 'drop matches below this confidence, 0..1 (default 0.5)', parseConfidence)
    .option('--max-locations <n>', 'example locations kept per finding, 0 = all (default 5)', parseCount)
    .option('--show-values', 'show raw values in samples (default: masked)')
    .option('--all-forms', 'table: also show masked, hashed, tokenized and encrypted findings')
    .option('-q, --quiet', 'no progress or status lines on stderr')
    .addOption(new Option('-j, --jobs <n>', 'worker threads; auto uses all cores for scans over 64 MiB').default('auto').argParser(parseJobs))
    .addHelpText('after', EXIT_CODES)
    .action(async (targets: string[], options: ScanCommandOptions) => setExit(await runScan(targets, options, io)));
  program
    .command('detectors')
    .description('list the detectors with their category, sensitivity and description')
    .addOption(new Option('-f, --format <format>', 'table or json').choices(['table', 'json']).default('table'))
    .action((options: { format: 'table' | 'json' }) => {
      io.stdout(formatDetectors(options.format));
      setExit(0);
    });
  return program;
}

export async function run(argv: string[], overrides: Partial<RunIO> = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: RunIO = {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    writeProgress: () => {},
    ...overrides,
  };
  let exitCode = 0;
  try {
    await createProgram(io, (code) => (exitCode = code)).parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      exitCode = error.exitCode === 0 ? 0 : 2;
    } else if (error instanceof UserError) {
      io.stderr(`piiscan: ${error.message}\n`);
      exitCode = 2;
    } else {
      io.stderr(`piiscan: internal error: ${(error as Error).message}\n${io.env['PIISCAN_DEBUG'] ? `${(error as Error).stack}\n` : ''}`);
      exitCode = 2;
    }
  }
  return { exitCode, stdout, stderr };
}
