/** How Redis databases are read, and the work unit of one. */
import type { WorkUnit } from '../contract.js';

/** How Redis targets are read. */
export interface RedisOptions {
  /** Keys read per key group, chosen by the seed; 0 reads every key. */
  sampleKeys: number;
  seed: number;
  /** Globs over key names (`session:*`); empty includes everything. */
  include: string[];
  exclude: string[];
}

/** One database of a server: its keys are listed and read by one SCAN. */
export type RedisUnit = WorkUnit;
