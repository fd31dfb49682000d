/**
 * `piiscan locate <targets...> --subject kind=value | --subjects FILE [--expect absent]`: one pass
 * over every target through the sources' connectors, looking for every subject's identifiers in
 * every form; a report per subject, named by ref or HMAC, and the exit code of the verdict.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config/load.js';
import { scanTargets } from '../runner/run.js';
import { UserError } from '../errors/user-error.js';
import { toPrintable } from '../errors/printable.js';
import { VERSION } from '../version.js';
import { createSubjectIndex } from '../locate/subject-index.js';
import { createMatcher } from '../locate/matcher.js';
import { createLocateSink } from '../locate/locate-sink.js';
import { createTraceCollector } from '../locate/collector.js';
import { toSubjectName, type Subject } from '../locate/subject.js';
import { parseSubjectOptions, readSubjectsFile } from '../locate/read-subjects.js';
import { toFormsTried } from '../locate/forms-tried.js';
import { redactValue } from '../locate/redact.js';
import { locateFormatters } from '../locate/format.js';
import {
  isIncomplete,
  toLocateExitCode,
  type LocateReport,
  type LocateShard,
  type SubjectReport,
} from '../locate/report.js';
import type { ShardRecord } from '../runner/shard/part-record.js';
import { resolveShard, toShardOutput } from './shard-option.js';
import { resolveTargets, toSourceSettings, type ScanOptions } from './scan-command.js';
import { checkTargets } from './check-targets.js';
import { checkOutput, writeOutput } from './output-file.js';
import type { RunIO } from './main.js';

export interface LocateCommandOptions extends ScanOptions {
  subject?: string[];
  subjects?: string;
  hashKeyEnv?: string;
  expect?: 'absent';
  format: 'json' | 'markdown' | 'html';
  output?: string;
}

async function readSubjects(options: LocateCommandOptions, io: RunIO): Promise<Subject[]> {
  const given = parseSubjectOptions(options.subject ?? []);
  const listed = options.subjects === undefined ? [] : await readSubjectsFile(options.subjects, io.cwd);
  const subjects = given ? [given, ...listed] : listed;
  if (subjects.length === 0) throw new UserError('give --subject kind=value or --subjects FILE');
  return subjects;
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

export async function runLocate(targets: string[], options: LocateCommandOptions, io: RunIO): Promise<number> {
  const shard = resolveShard(options, io.env);
  const output = toShardOutput(options.output, shard);
  if (output !== undefined) await checkOutput(output, io);
  const { config, source } = await loadConfig(options.config ?? 'piiscan.yaml', {
    cwd: io.cwd,
    required: options.config !== undefined,
  });
  const resolved = resolveTargets(targets, config, io.env);
  checkTargets(resolved, io.cwd);
  const subjects = await readSubjects(options, io);
  const key = hashKey(options, io);
  const index = createSubjectIndex(subjects, key);
  const match = createMatcher(index);
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
    jobs: 1,
    newSink: () => createLocateSink(index, match, collector),
    ...(shard ? { shard } : {}),
  });
  const nameKey = key ?? randomBytes(32);
  // Subjects with the same kinds of identifiers share one list of them: reports may hold many.
  const kindLists = new Map<string, string[]>();
  const kindsOf = (subject: Subject) => {
    const kinds = subject.identifiers.map((id) => id.kind);
    const key = kinds.join(',');
    return kindLists.get(key) ?? (kindLists.set(key, kinds), kinds);
  };
  const reports: SubjectReport[] = subjects.map((subject, i) => {
    const found = collector.of(i);
    return {
      subject: toSubjectName(subject, nameKey),
      identifiers: kindsOf(subject),
      result: found ? 'found' : 'absent',
      traces: found?.count ?? 0,
      forms: Object.fromEntries([...(found?.forms ?? [])].sort()),
      locations: found?.traces ?? [],
    };
  });
  const found = reports.filter((r) => r.result === 'found');
  const incomplete = isIncomplete(result.coverage, result.errors);
  const report: LocateReport = {
    tool: { name: 'piiscan', version: VERSION },
    command: 'locate',
    startedAt: result.startedAt.toISOString(),
    finishedAt: result.finishedAt.toISOString(),
    targets: result.targets,
    ...(options.expect ? { expect: options.expect } : {}),
    verdict: incomplete ? 'incomplete' : found.length > 0 ? 'traces found' : options.expect ? 'erased' : 'located',
    subjectNames: `ref where given, else HMAC-SHA256 with ${key ? `the key in ${options.hashKeyEnv}` : 'a random key of this run'}`,
    formsTried: toFormsTried(subjects, key !== undefined),
    maxLocations,
    coverage: result.coverage,
    ...(result.shard ? { shard: toLocateShard(result.shard) } : {}),
    errors: result.errors,
    summary: { subjects: subjects.length, found: found.length, traces: found.reduce((n, r) => n + r.traces, 0) },
    subjects: reports,
  };
  const text = locateFormatters[options.format]!(redactValue(report, createMatcher(index, { loose: true })));
  if (output === undefined) io.stdout(text);
  else {
    await writeOutput(output, text, io);
    if (!options.quiet) io.stderr(`Report written to ${toPrintable(output)}: ${report.verdict}.\n`);
  }
  return toLocateExitCode(report);
}
