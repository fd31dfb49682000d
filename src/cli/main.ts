/**
 * The CLI as a function: `run(argv, io)` parses, runs and returns the exit code and what it
 * wrote. It never touches `process`; bin/piiscan.js does. Known failures (usage, config) are one
 * line and exit 2; anything else is an internal error, also one line unless PIISCAN_DEBUG is set.
 */
import { Command, CommanderError, Option } from 'commander';
import { UserError } from '../errors/user-error.js';
import { maskUrlCredentials } from '../errors/url-credentials.js';
import { FORMAT_NAMES } from '../report/formatters.js';
import { VERSION } from '../version.js';
import {
  parseConfidence,
  parseCount,
  parseDetectorIds,
  parseFormat,
  parseJobs,
  parseList,
  parsePositive,
  parseSize,
  parseSource,
  parseTime,
} from './options.js';
import { emitReport, runScan, type ScanCommandOptions } from './scan-command.js';
import type { BaselineCommandOptions } from './baseline-command.js';
import type { LocateCommandOptions } from './locate-command.js';
import { loadReport } from '../report/load-report.js';
import { toPrintableLines } from '../errors/printable.js';
import { parseShard } from './shard-option.js';
import type { MergeCommandOptions } from './merge-command.js';
// Commands other than scan are loaded when run: a scan (each shard of one) loads only what it uses.

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
  0  nothing fails the scan (see 1); always so with --fail-on none
  1  a finding fails the scan: plaintext (not masked, hashed, tokenized or encrypted), not accepted
     by an allow rule, at least --min-sensitivity, and, with --fail-on new (the default with a
     baseline), not in the baseline; --fail-on any (the default without one) fails baselined ones too
  2  usage or config error, or a source that could not be read (the rest is still scanned and
     reported); 2 wins over 1`;

const BASELINE_EXIT_CODES = `
Exit codes:
  0  the baseline was written (findings never fail this command)
  2  usage or config error, or a source that could not be read (--prune then changes nothing)`;

/** Options of every command that scans (scan, baseline). */
function addScanOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'config file (default: piiscan.yaml in the working folder, if present)')
    .option('--declarations <globs>', 'data-product files to check findings against (comma-separated globs)', parseList)
    .option(
      '--now <time>',
      'retention: the reference time, ISO 8601 (default: PIISCAN_NOW, else the scan start)',
      parseTime,
    )
    .option('--detectors <ids>', 'comma-separated detector ids to run (default: all)', parseDetectorIds)
    .option('--min-confidence <n>', 'drop matches below this confidence, 0..1 (default 0.5)', parseConfidence)
    .option('--max-locations <n>', 'example locations kept per finding, 0 = all (default 5)', parseCount)
    .option('--show-values', 'show raw values in samples (default: masked)')
    .option('-q, --quiet', 'no progress or status lines on stderr')
    .addOption(
      new Option(
        '-j, --jobs <n>',
        'worker threads; auto uses all cores for scans over 64 MiB of text, gzip counted 4 times its size (databases: over 200,000 rows to read)',
      )
        .default('auto')
        .argParser(parseJobs),
    )
    .option(
      '--include <globs>',
      'databases: only these schema.table or schema.table.column; S3: only these object keys (comma-separated globs)',
      parseList,
    )
    .option('--exclude <globs>', 'databases and S3: leave these out (comma-separated globs)', parseList)
    .option(
      '--sample-rows <n>',
      'databases: read tables up to this size whole, sample larger ones to about this many rows',
      parsePositive,
      100_000,
    )
    .option('--full', 'databases: read every row of every table')
    .option('--seed <n>', 'databases and S3: sampling seed, to repeat a run (default: random, printed)', parseCount)
    .option(
      '--concurrency <n>',
      'databases: tables read at once, one connection each; S3: objects read at once',
      parsePositive,
      2,
    )
    .option('--statement-timeout <ms>', 'databases: longest a table may take', parsePositive, 300_000)
    .option('--lock-timeout <ms>', 'databases: longest to wait for a lock', parsePositive, 5_000)
    .option('--endpoint-url <url>', 'S3: an S3-compatible endpoint (MinIO, Ceph), addressed path-style')
    .option('--region <region>', 'S3: the bucket region (default: AWS_REGION or the profile)')
    .option('--profile <name>', 'S3: AWS shared config profile (default: AWS_PROFILE or default)')
    .option(
      '--azure-endpoint <url>',
      'Azure: the blob service URL of the account, for an emulator (credentials: AZURE_STORAGE_CONNECTION_STRING, AZURE_STORAGE_KEY, AZURE_STORAGE_SAS_TOKEN or a signed-in identity)',
    )
    .option('--max-object-size <size>', 'S3: skip (and count) objects larger than this', parseSize, 256 * 1024 * 1024)
    .option(
      '--sample-objects <n>',
      'S3: read at most this many objects per object group, chosen by the seed (default: all)',
      parseCount,
      0,
    )
    .option(
      '--sample-keys <n>',
      'Redis: read at most this many keys per key group (session:*), chosen by the seed (default: all)',
      parseCount,
      0,
    );
}

const LOCATE_EXIT_CODES = `
Exit codes:
  0  the search is complete; with --expect absent, also no trace of any subject was found
  1  --expect absent: a trace of a subject remains
  2  usage error, or a source that could not be read (incomplete coverage is never erased); 2 wins over 1`;

const collect = (value: string, previous: string[]) => [...previous, value];

/** Options of every command that writes a gated report (scan, merge): format, output, baseline, gate. */
function addGateOptions(command: Command): Command {
  return command
    .addOption(
      new Option('-f, --format <format>', `output format: ${FORMAT_NAMES.join(', ')}`)
        .default('table')
        .argParser(parseFormat),
    )
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--all-forms', 'table: also show masked, hashed, tokenized and encrypted findings')
    .option('--baseline <file>', 'accepted findings (piiscan baseline); only new ones fail with --fail-on new')
    .option('--no-baseline', "ignore the config's baseline")
    .addOption(
      new Option(
        '--fail-on <when>',
        'which plaintext findings fail the scan (default: new with a baseline, else any)',
      ).choices(['new', 'any', 'none']),
    )
    .addOption(
      new Option('--min-sensitivity <level>', 'only findings this sensitive fail the scan (default: standard)').choices(
        ['standard', 'sensitive'],
      ),
    );
}

function createProgram(io: RunIO, setExit: (code: number) => void): Command {
  const program = new Command('piiscan')
    .description(
      'Find plaintext PII in logs and files, classify its form, and report each leak site with the service that owns it.',
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: (text) => io.stderr(toPrintableLines(maskUrlCredentials(text))) })
    .addHelpText('after', EXIT_CODES);
  addGateOptions(
    addScanOptions(program.command('scan'))
      .description('scan files and folders (recursively; .gz decompressed on the fly), databases and S3 buckets')
      .argument(
        '[target...]',
        'files, folders, postgres:// or mysql:// URLs, s3://bucket/prefix, or names of config sources (default: all sources)',
      ),
  )
    .option(
      '--shard <index/count>',
      'read only this shard of the plan (index from 0) and write a part for piiscan merge',
      parseShard,
    )
    .option(
      '--shards <count>',
      'as --shard, the index from JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX',
      parsePositive,
    )
    .option(
      '--link-key-env <name>',
      'shards: environment variable holding a key every shard shares; parts then carry link samples under it, so merge finds linkable pseudonyms across shards',
    )
    .option('--source <service=folder>', "a service's code checkout: log findings name their statement", parseSource)
    .option(
      '--split-size <size>',
      'read a text file, object or table larger than this as several units (tables: rows x 100 bytes; default 256MiB)',
      parseSize,
    )
    .option(
      '--inventory <s3-uri>',
      "S3: list a bucket from its S3 Inventory report's manifest.json instead of listing it",
    )
    .addHelpText('after', EXIT_CODES)
    .action(async (targets: string[], options: ScanCommandOptions) => setExit(await runScan(targets, options, io)));
  addGateOptions(
    program
      .command('merge')
      .description(
        'merge the parts of a sharded scan (scan --shard) into one report, as one process would have written',
      )
      .argument('<parts...>', 'part files (JSON reports of scan --shard), folders of them, or s3://bucket/prefix')
      .option('-c, --config <file>', "config file: owners, allow rules and gate defaults (use the scan's)")
      .option('--allow-partial', 'merge even when shards are missing; coverage.missingShards names them')
      .option(
        '--link-key-env <name>',
        "environment variable holding the shards' link key: refuse parts made with another",
      )
      .option('--endpoint-url <url>', 'parts in S3 (s3://bucket/prefix): an S3-compatible endpoint')
      .option('--region <region>', 'parts in S3: the bucket region (default: AWS_REGION or the profile)')
      .option('-q, --quiet', 'no status lines on stderr'),
  )
    .addHelpText('after', EXIT_CODES)
    .action(async (parts: string[], options: MergeCommandOptions) =>
      setExit(await (await import('./merge-command.js')).runMerge(parts, options, io)),
    );
  addScanOptions(program.command('baseline'))
    .description('write the plaintext findings of a scan as accepted (no values, no line numbers, sorted)')
    .argument('[target...]', 'as for scan')
    .option('-o, --output <file>', 'baseline file', '.piiscan-baseline.json')
    .option('--prune', 'remove the entries of sites under the targets that no finding matches any more, add nothing')
    .addHelpText('after', BASELINE_EXIT_CODES)
    .action(async (targets: string[], options: BaselineCommandOptions) =>
      setExit(await (await import('./baseline-command.js')).runBaseline(targets, options, io)),
    );
  addScanOptions(program.command('locate'))
    .description("find people's identifiers in every form (hashes, encodings) in every source; verify erasure")
    .argument('[target...]', 'as for scan')
    .option(
      '--subject <kind=value>',
      'an identifier of the subject (email=..., phone=..., ref=...); repeat',
      collect,
      [],
    )
    .option(
      '--subjects <file>',
      'a CSV of subjects: a column per identifier kind (email, phone, a detector id), and ref',
    )
    .option('--hash-key-env <name>', 'environment variable holding the key of HMAC digests to look for')
    .option(
      '--shard <index/count>',
      "read only this shard of the plan (index from 0); the report's verdict is this shard's",
      parseShard,
    )
    .option(
      '--shards <count>',
      'as --shard, the index from JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX',
      parsePositive,
    )
    .addOption(
      new Option('--expect <state>', 'absent: exit 0 only when nothing was found and every source read').choices([
        'absent',
      ]),
    )
    .addOption(
      new Option('-f, --format <format>', 'json, markdown or html')
        .choices(['json', 'markdown', 'html'])
        .default('json'),
    )
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addHelpText('after', LOCATE_EXIT_CODES)
    .action(async (targets: string[], options: LocateCommandOptions) =>
      setExit(await (await import('./locate-command.js')).runLocate(targets, options, io)),
    );
  program
    .command('report')
    .description('render a saved JSON report in another format')
    .argument('<report>', 'a JSON report written by piiscan scan --format json')
    .addOption(
      new Option('-f, --format <format>', `output format: ${FORMAT_NAMES.join(', ')}`)
        .default('table')
        .argParser(parseFormat),
    )
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--all-forms', 'table: also show masked, hashed, tokenized and encrypted findings')
    .action(async (file: string, options: { format: string; output?: string; allForms?: boolean }) => {
      await emitReport(await loadReport(file, io.cwd), { ...options, quiet: true }, io);
      setExit(0);
    });
  program
    .command('explain')
    .description(
      'say why a finding exists: detector, pattern, validator, context, form, owner, baseline and allow status',
    )
    .argument('<fingerprint>', 'a fingerprint, or a unique prefix of one (at least 6 characters)')
    .requiredOption('-r, --report <file>', 'the JSON report the finding is in')
    .action(async (fingerprint: string, options: { report: string }) => {
      const { explainFinding } = await import('./explain-command.js');
      io.stdout(explainFinding(await loadReport(options.report, io.cwd), fingerprint));
      setExit(0);
    });
  program
    .command('detectors')
    .description('list the detectors with their category, sensitivity and description')
    .addOption(new Option('-f, --format <format>', 'table or json').choices(['table', 'json']).default('table'))
    .action(async (options: { format: 'table' | 'json' }) => {
      io.stdout((await import('./detectors-command.js')).formatDetectors(options.format));
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
      io.stderr(
        toPrintableLines(
          maskUrlCredentials(error.message)
            .split('\n')
            .map((line) => `piiscan: ${line}\n`)
            .join(''),
        ),
      );
      exitCode = 2;
    } else {
      io.stderr(
        toPrintableLines(
          maskUrlCredentials(
            `piiscan: internal error: ${(error as Error).message}\n${io.env['PIISCAN_DEBUG'] ? `${(error as Error).stack}\n` : ''}`,
          ),
        ),
      );
      exitCode = 2;
    }
  }
  return { exitCode, stdout, stderr };
}
