/**
 * `piiscan locate <targets...> --subject kind=value | --subjects FILE [--expect absent]`: one pass
 * over every target through the sources' connectors, looking for every subject's identifiers in
 * every form; a report per subject, named by ref or HMAC, and the exit code of the verdict.
 */
import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { loadConfig } from '../config/load.js';
import { scanTargets } from '../runner/run.js';
import { UserError } from '../errors/user-error.js';
import { toPrintable } from '../errors/printable.js';
import { VERSION } from '../version.js';
import { createSubjectIndexBuilder } from '../locate/subject-index.js';
import { createMatcher } from '../locate/matcher.js';
import { LOCATE_WORKER_SINK, locateSinks } from '../locate/worker-sink.js';
import { createTraceCollector, type UnitTraces } from '../locate/collector.js';
import { toSubjectName, type Identifier, type Subject } from '../locate/subject.js';
import { parseSubjectOptions, readSubjectsFile } from '../locate/read-subjects.js';
import { toFormsTried } from '../locate/forms-tried.js';
import { redactValue } from '../locate/redact.js';
import { locateFormatters } from '../locate/format.js';
import {
  isIncomplete,
  toLocateExitCode,
  type LocateReportHead,
  type LocateShard,
  type SubjectReport,
} from '../locate/report.js';
import type { ShardRecord } from '../runner/shard/part-record.js';
import { resolveShard, toShardOutput } from './shard-option.js';
import { resolveTargets, toSourceSettings, type ScanOptions } from './scan-command.js';
import { checkTargets } from './check-targets.js';
import { checkOutput, writeOutputPieces } from './output-file.js';
import type { RunIO } from './main.js';

export interface LocateCommandOptions extends ScanOptions {
  subject?: string[];
  subjects?: string;
  hashKeyEnv?: string;
  expect?: 'absent';
  format: 'json' | 'markdown' | 'html';
  output?: string;
}

function hashKey(options: LocateCommandOptions, io: RunIO): Buffer | undefined {
  if (options.hashKeyEnv === undefined) return undefined;
  const key = io.env[options.hashKeyEnv];
  if (key === undefined || key === '')
    throw new UserError(`--hash-key-env: the environment variable ${options.hashKeyEnv} is not set`);
  return Buffer.from(key);
}

function toLocateShard({ index, count, plan, units, unitsRead }: ShardRecord): LocateShard {
  return { index, count, plan, units, unitsRead };
}

/**
 * The index of the subjects, and their refs: subjects are indexed as they are read, so that many
 * are never held as objects.
 */
async function indexSubjects(options: LocateCommandOptions, io: RunIO, key: Buffer | undefined) {
  const builder = createSubjectIndexBuilder(key);
  const refs: Array<string | undefined> = [];
  const add = (subject: Subject) => {
    builder.add(subject);
    refs.push(subject.ref);
  };
  const given = parseSubjectOptions(options.subject ?? []);
  if (given) add(given);
  if (options.subjects !== undefined) await readSubjectsFile(options.subjects, io.cwd, add);
  if (refs.length === 0) throw new UserError('give --subject kind=value or --subjects FILE');
  return { index: builder.finish(), refs };
}

/**
 * V8 settings for a locate run, and their defaults to restore. Indexing many subjects and writing
 * their reports make much short-lived garbage, for which V8 would grow its young generation to its
 * largest and keep it so; and hits on most subjects (a table holding every one) make garbage that
 * outlives the young generation, for which V8 let the old one grow to about twice what was live
 * before collecting it. Both were the run's peak memory; the CPU the extra collections take
 * measured within noise (docs/performance.md).
 */
const GC_FLAGS = [
  ['semi-space-growth-factor', 1, 2],
  // 0: V8 picks the factor itself.
  ['heap-growing-percent', 20, 0],
] as const;

export async function runLocate(targets: string[], options: LocateCommandOptions, io: RunIO): Promise<number> {
  for (const [flag, value] of GC_FLAGS) setFlagsFromString(`--${flag}=${value}`);
  try {
    return await locate(targets, options, io);
  } finally {
    for (const [flag, , byDefault] of GC_FLAGS) setFlagsFromString(`--${flag}=${byDefault}`);
  }
}

async function locate(targets: string[], options: LocateCommandOptions, io: RunIO): Promise<number> {
  const shard = resolveShard(options, io.env);
  const output = toShardOutput(options.output, shard);
  if (output !== undefined) await checkOutput(output, io);
  const { config, source } = await loadConfig(options.config ?? 'piiscan.yaml', {
    cwd: io.cwd,
    required: options.config !== undefined,
  });
  const resolved = resolveTargets(targets, config, io.env);
  checkTargets(resolved, io.cwd);
  const key = hashKey(options, io);
  // The subjects as read are garbage once indexed: a hundred thousand of them take more than their index.
  const { index, refs } = await indexSubjects(options, io, key);
  const maxLocations = options.maxLocations ?? 100;
  const collector = createTraceCollector(maxLocations);
  // Erasure is verified on every row and object: sampling could miss the one that remains.
  const sources = toSourceSettings(
    { ...options, full: true, sampleObjects: 0 },
    { config, ...(source ? { file: source.file } : {}) },
    io.cwd,
  );
  const settings = {
    detectorIds: [],
    minConfidence: 0.5,
    maxLocations,
    showValues: false,
    serviceField: config.serviceField,
    services: [],
    allowValues: [],
  };
  const result = await scanTargets(resolved, settings, {
    sources,
    jobs: options.jobs,
    newSink: locateSinks(index, maxLocations),
    // Worker threads read the index this thread built, from its shared arrays. Not for tables with
    // `--jobs auto`: looking rows up costs less than copying them to a thread (docs/performance.md).
    workerSink: { module: LOCATE_WORKER_SINK, data: { index: index.shared(), maxLocations }, rowsOnWorkers: false },
    mergeExtras: (extras) => extras.forEach((found) => collector.merge(found as UnitTraces)),
    ...(shard ? { shard } : {}),
  });
  const nameKey = key ?? randomBytes(32);
  // Subjects with the same kinds of identifiers share one list of them: reports may hold many.
  const kindLists = new Map<string, string[]>();
  const kindsOf = (identifiers: readonly Identifier[]) => {
    const kinds = identifiers.map((id) => id.kind);
    const key = kinds.join(',');
    return kindLists.get(key) ?? (kindLists.set(key, kinds), kinds);
  };
  const found = collector.entries();
  const incomplete = isIncomplete(result.coverage, result.errors);
  const head: LocateReportHead = {
    tool: { name: 'piiscan', version: VERSION },
    command: 'locate',
    startedAt: result.startedAt.toISOString(),
    finishedAt: result.finishedAt.toISOString(),
    targets: result.targets,
    ...(options.expect ? { expect: options.expect } : {}),
    verdict: incomplete ? 'incomplete' : found.length > 0 ? 'traces found' : options.expect ? 'erased' : 'located',
    subjectNames: `ref where given, else HMAC-SHA256 with ${key ? `the key in ${options.hashKeyEnv}` : 'a random key of this run'}`,
    formsTried: toFormsTried(index.store.kinds, key !== undefined),
    maxLocations,
    coverage: result.coverage,
    ...(result.shard ? { shard: toLocateShard(result.shard) } : {}),
    errors: result.errors,
    summary: { subjects: refs.length, found: found.length, traces: found.reduce((n, [, f]) => n + f.count, 0) },
  };
  const redact = createMatcher(index, { loose: true });
  // Each subject's report is made, redacted and written in turn: many subjects are never held whole.
  function* reports(): Generator<SubjectReport> {
    for (let i = 0; i < refs.length; i++) {
      const traces = collector.of(i);
      const identifiers = index.store.identifiers(i);
      const report: SubjectReport = {
        subject: toSubjectName({ ...(refs[i] !== undefined ? { ref: refs[i] } : {}), identifiers }, nameKey),
        identifiers: kindsOf(identifiers),
        result: traces ? 'found' : 'absent',
        traces: traces?.count ?? 0,
        forms: Object.fromEntries([...(traces?.forms ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
        locations: traces?.traces ?? [],
      };
      yield redactValue(report, redact);
    }
  }
  const pieces = locateFormatters[options.format]!(redactValue(head, redact), reports());
  if (output === undefined) for (const piece of pieces) io.stdout(piece);
  else {
    await writeOutputPieces(output, pieces, io);
    if (!options.quiet) io.stderr(`Report written to ${toPrintable(output)}: ${head.verdict}.\n`);
  }
  return toLocateExitCode(head);
}
