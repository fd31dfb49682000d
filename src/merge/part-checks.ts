/**
 * Whether parts belong together: each a part of a sharded scan, of the same plan, settings, shard
 * count and link key, each shard once. Every problem is collected, so a refused merge names them
 * all. The link key is checked apart from the settings' digest: that digest seeds sampling, and a
 * part of another key deserves its own words.
 */
import { UserError } from '../errors/user-error.js';
import { SCHEMA_VERSION, type Report } from '../report/report.js';
import type { PartSource } from './merge-parts.js';

export interface PartChecks {
  /** The first part's plan, settings and shard count, and its name. */
  reference?: { name: string; plan: string; settings: string; count: number };
  /** The link key's check parts must have (none: made without a key), and who had it first. */
  linkKey?: { name: string; check: string | undefined };
  /** Shard index → the part that had it. */
  seen: Map<number, string>;
  problems: string[];
  finish(allowPartial: boolean): number[];
}

/** `1, 3-5, 9`: shard indices as runs. */
export function toRanges(indices: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < indices.length;) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j]! + 1) j++;
    runs.push(i === j ? `${indices[i]}` : `${indices[i]}-${indices[j]}`);
    i = j + 1;
  }
  return runs.join(', ');
}

/** Checks for a merge; with the merge's own link key's check, every part must have been made with it. */
export function createPartChecks(keyCheck?: string): PartChecks {
  const checks: PartChecks = {
    ...(keyCheck === undefined ? {} : { linkKey: { name: "the merge's --link-key-env", check: keyCheck } }),
    seen: new Map(),
    problems: [],
    finish(allowPartial) {
      const count = checks.reference?.count ?? 0;
      if (checks.reference === undefined) checks.problems.push('no part of a sharded scan was given');
      const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !checks.seen.has(i));
      if (missing.length > 0 && !allowPartial)
        checks.problems.push(`missing shards ${toRanges(missing)} of ${count} (--allow-partial merges without them)`);
      if (checks.problems.length > 0)
        throw new UserError(`not merged:\n${checks.problems.map((p) => `  ${p}`).join('\n')}`);
      return missing;
    },
  };
  return checks;
}

function toKeyProblem(check: string | undefined, reference: { name: string; check: string | undefined }): string {
  if (check === undefined) return `made without a link key (--link-key-env), unlike ${reference.name}`;
  if (reference.check === undefined) return `made with a link key (--link-key-env), unlike ${reference.name}`;
  return `made with another link key than ${reference.name}`;
}

/** Reads a part and returns it when it belongs; otherwise records why not and returns undefined. */
export async function checkPart(checks: PartChecks, source: PartSource): Promise<Report | undefined> {
  let part: Report;
  try {
    part = await source.read();
  } catch (error) {
    checks.problems.push(error instanceof UserError ? error.message : `${source.name}: ${(error as Error).message}`);
    return undefined;
  }
  const shard = part.shard;
  const problem = (why: string) => void checks.problems.push(`${source.name}: ${why}`);
  if (part.schemaVersion !== SCHEMA_VERSION || shard === undefined)
    return problem('not a part of a sharded scan (piiscan scan --shard)');
  const reference = (checks.reference ??= {
    name: source.name,
    plan: shard.plan,
    settings: shard.settings,
    count: shard.count,
  });
  if (shard.count !== reference.count)
    return problem(`shard ${shard.index} of ${shard.count}, not of ${reference.count} as ${reference.name}`);
  if (shard.plan !== reference.plan)
    return problem(
      `shard ${shard.index} of another plan than ${reference.name} (the targets or their contents changed)`,
    );
  if (shard.settings !== reference.settings)
    return problem(`shard ${shard.index} scanned with other settings than ${reference.name}`);
  const check = shard.links?.keyCheck;
  const key = (checks.linkKey ??= { name: source.name, check });
  if (check !== key.check) return problem(`shard ${shard.index} ${toKeyProblem(check, key)}`);
  const already = checks.seen.get(shard.index);
  if (already !== undefined) return problem(`shard ${shard.index} again (also in ${already})`);
  checks.seen.set(shard.index, source.name);
  return part;
}
