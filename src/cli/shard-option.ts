/**
 * `--shard 3/64` and `--shards 64`: which shard of a sharded scan this process reads. With
 * `--shards`, the index comes from the orchestrator: Kubernetes Indexed Jobs set
 * JOB_COMPLETION_INDEX, AWS Batch array jobs AWS_BATCH_JOB_ARRAY_INDEX.
 */
import { InvalidArgumentError } from 'commander';
import { UserError } from '../errors/user-error.js';
import type { ShardSpec } from '../runner/shard/plan-shard.js';
import type { RunIO } from './main.js';

/** Environment variables that carry a shard's index, in the order they are looked at. */
export const SHARD_INDEX_VARIABLES = ['JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX'] as const;

function toIndex(index: string, count: number, where: string): number {
  if (!/^\d+$/.test(index)) throw new UserError(`${where}: expected a shard index, a whole number from 0`);
  const n = Number(index);
  if (n >= count) throw new UserError(`${where}: shard index ${n} is not below the number of shards (${count})`);
  return n;
}

/** `INDEX/COUNT`, the index from 0. */
export function parseShard(value: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m || Number(m[2]) < 1) throw new InvalidArgumentError('expected INDEX/COUNT, the index from 0 (3/64).');
  if (Number(m[1]) >= Number(m[2])) throw new InvalidArgumentError(`shard ${m[1]} is not below the count ${m[2]}.`);
  return { index: Number(m[1]), count: Number(m[2]) };
}

/** This process's shard, or undefined for a whole scan; a usage error when it cannot be known. */
export function resolveShard(
  options: { shard?: ShardSpec; shards?: number },
  env: RunIO['env'],
): ShardSpec | undefined {
  if (options.shard !== undefined && options.shards !== undefined)
    throw new UserError('give --shard INDEX/COUNT or --shards COUNT, not both');
  if (options.shard !== undefined) return options.shard;
  if (options.shards === undefined) return undefined;
  const variable = SHARD_INDEX_VARIABLES.find((name) => (env[name] ?? '') !== '');
  if (variable === undefined)
    throw new UserError(
      `--shards ${options.shards}: set ${SHARD_INDEX_VARIABLES.join(' or ')} to this shard's index, or give --shard INDEX/${options.shards}`,
    );
  return { index: toIndex(env[variable]!, options.shards, variable), count: options.shards };
}

/**
 * `--output parts/part-{index}.json`: the shard's index in the file name, for orchestrators that
 * cannot put it in an argument themselves (AWS Batch array jobs).
 */
export function toShardOutput(output: string | undefined, shard: ShardSpec | undefined): string | undefined {
  return shard === undefined || output === undefined ? output : output.replaceAll('{index}', String(shard.index));
}
