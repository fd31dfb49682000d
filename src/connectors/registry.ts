/**
 * Every source piiscan reads, in the order targets are offered to them: the first that claims a
 * target reads it, and files take what no other source claims. A new source is one line here
 * (and, when it has settings of its own, one field of SourceSettings).
 */
import { clickhouse } from './clickhouse/index.js';
import type { Connector, WorkUnit } from './contract.js';
import type { DatabaseOptions } from './database/connector.js';
import { files, type FileOptions } from './files/index.js';
import { mysql } from './mysql/index.js';
import { postgres } from './postgres/index.js';
import { redis, type RedisOptions } from './redis/index.js';
import { s3, type S3Options } from './s3/index.js';
import { azure, type AzureOptions } from './azure/index.js';
import { sqlite } from './sqlite/index.js';

/** What the sources are told, each reading its own part. Plain data: worker threads get a copy. */
export interface SourceSettings {
  files: FileOptions;
  s3: S3Options;
  azure: AzureOptions;
  database: DatabaseOptions;
  redis: RedisOptions;
  /** Text size (bytes; a table's rows weigh ROW_BYTES each) above which a unit is split: DEFAULT_SPLIT_BYTES. */
  splitBytes?: number;
}

export const CONNECTORS: ReadonlyArray<Connector<WorkUnit, SourceSettings>> = [
  postgres,
  mysql,
  sqlite,
  clickhouse,
  redis,
  s3,
  azure,
  files,
] as ReadonlyArray<Connector<WorkUnit, SourceSettings>>;

/** The source that reads a target. */
export function connectorFor(target: string): Connector<WorkUnit, SourceSettings> {
  return CONNECTORS.find((c) => c.claims(target))!;
}

/** The source that reads a unit (in a worker thread, from the unit alone). */
export function connectorNamed(name: string): Connector<WorkUnit, SourceSettings> {
  const connector = CONNECTORS.find((c) => c.name === name);
  if (connector === undefined) throw new Error(`no source named ${name}`);
  return connector;
}
