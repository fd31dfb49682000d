// Runs a sharded scan as N shards driven by an orchestrator's environment variable, then merges.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { run, type RunResult } from '../../../src/cli/main.js';
import type { Report } from '../../../src/report/report.js';
import { parseReport } from '../../helpers.js';

/** Runs shards 0..n-1 one after another, each writing `parts/part-i.json`; returns their results. */
export async function runShards(
  args: readonly string[],
  {
    n,
    cwd,
    variable = 'JOB_COMPLETION_INDEX',
    env = {},
  }: { n: number; cwd: string; variable?: string; env?: Record<string, string> },
): Promise<RunResult[]> {
  mkdirSync(path.join(cwd, `parts-${n}`), { recursive: true });
  const results: RunResult[] = [];
  for (let i = 0; i < n; i++) {
    const argv = ['scan', ...args, '--shards', String(n), '-f', 'json', '-o', `parts-${n}/part-${i}.json`, '-q'];
    results.push(await run(argv, { cwd, env: { ...env, [variable]: String(i) } }));
  }
  return results;
}

/** Reads a report, checked against the schema. */
export function readReport(cwd: string, file: string): Report {
  return parseReport(readFileSync(path.join(cwd, file), 'utf8'));
}

/** A report without what differs between runs of the same scan: times and host. */
export function withoutRun(report: Report): Partial<Report> {
  const rest: Partial<Report> = { ...report };
  delete rest.startedAt;
  delete rest.finishedAt;
  delete rest.run;
  return rest;
}

/**
 * A merged report as one process writes it: without `coverage.linkablePseudonyms`, which only a
 * merge states (and which must say `scope`).
 */
export function asSingle(report: Partial<Report>, scope = 'within-shards'): Partial<Report> {
  expect(report.coverage?.linkablePseudonyms).toBe(scope);
  const coverage = { ...report.coverage! };
  delete coverage.linkablePseudonyms;
  return { ...report, coverage };
}

/**
 * Scans whole and as n shards merged; returns both reports (without times and host, the merge's
 * as one process writes it) and the exit codes. With `linkKey`, shards and merge get it in
 * PIISCAN_LINK_KEY (`--link-key-env`).
 */
export async function scanBothWays(
  args: readonly string[],
  { n, cwd, env = {}, linkKey }: { n: number; cwd: string; env?: Record<string, string>; linkKey?: string },
) {
  const keyed = linkKey === undefined ? [] : ['--link-key-env', 'PIISCAN_LINK_KEY'];
  const shardEnv = linkKey === undefined ? env : { ...env, PIISCAN_LINK_KEY: linkKey };
  const single = await run(['scan', ...args, '-f', 'json', '-o', `single-${n}.json`, '-q'], { cwd, env });
  const shards = await runShards([...args, ...keyed], { n, cwd, env: shardEnv });
  const merged = await run(['merge', `parts-${n}`, ...keyed, '-f', 'json', '-o', `merged-${n}.json`, '-q'], {
    cwd,
    env: shardEnv,
  });
  const scope = linkKey === undefined ? 'within-shards' : 'across-shards';
  return {
    single: { exitCode: single.exitCode, report: withoutRun(readReport(cwd, `single-${n}.json`)) },
    merged: { exitCode: merged.exitCode, report: asSingle(withoutRun(readReport(cwd, `merged-${n}.json`)), scope) },
    shards,
  };
}

/** What a finding and a table's coverage come to, without where the rows lie in their reads. */
export function toTotals(report: Partial<Report>) {
  const findings = report.findings!.map((f) => ({
    fingerprint: f.fingerprint,
    count: f.count,
    share: f.share,
    rowsScanned: f.rowsScanned,
    confidence: f.confidence,
  }));
  const tables = report.coverage!.tables.map((t) => {
    const rest = { ...t };
    delete rest.ranges;
    return rest;
  });
  return { findings: findings.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1)), tables };
}

/**
 * Scans `target` whole, then split (`split`: the --split-size arguments) as 1, 3 and 8 shards:
 * each merge equals its single-process split scan, whose totals equal the whole read's. Returns
 * the split report.
 */
export async function expectSplitEqual(
  target: string,
  args: string[],
  { cwd, split }: { cwd: string; split: string[] },
): Promise<Partial<Report>> {
  const whole = await run(['scan', target, ...args, '-f', 'json', '-o', 'whole.json', '-q'], { cwd, env: {} });
  expect(whole.stderr).toBe('');
  let report: Partial<Report> | undefined;
  for (const n of [1, 3, 8]) {
    const both = await scanBothWays([target, ...args, ...split], { n, cwd });
    expect(both.shards.map((s) => s.stderr)).toEqual(both.shards.map(() => ''));
    expect(both.merged).toEqual(both.single);
    report = both.single.report;
  }
  expect(toTotals(report!)).toEqual(toTotals(readReport(cwd, 'whole.json')));
  return report!;
}
