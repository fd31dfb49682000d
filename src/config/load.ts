/**
 * Reads and validates the config. Every problem becomes one line of a ConfigError naming the file
 * and the failing path (`piiscan.yaml: services[2].match: expected string, received number`), all
 * of them at once; a YAML syntax error names the line and column (`piiscan.yaml:3:5: ...`).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { Config } from './schema.js';
import { UserError } from '../errors/user-error.js';

/**
 * What no config file gives: the schema's defaults (a test holds the two equal). A scan without
 * piiscan.yaml loads neither the YAML parser nor zod and the schema, which are slow to load.
 */
export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  services: [],
  serviceField: 'service',
  exclude: [],
  sources: [],
  allow: [],
});

export class ConfigError extends UserError {}

function toPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/** One line per problem: an issue about several unknown keys is one line for each. */
function toMessages(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') {
    const at = toPath(issue.path);
    return issue.keys.map((k) => `${at ? `${at}.${k}` : k}: unknown key`);
  }
  // A union (a glob or a list of globs) fails in every branch: the first branch's reason reads best.
  const reason = issue.code === 'invalid_union' ? (issue.errors[0]?.[0]?.message ?? issue.message) : issue.message;
  return [`${toPath(issue.path) || '(top level)'}: ${reason.replace(/^Invalid (?:input|option): /, '')}`];
}

/** Validates an already parsed config object. */
export async function parseConfig(data: unknown, file: string): Promise<Config> {
  const { configSchema } = await import('./schema.js');
  const result = configSchema.safeParse(data ?? {});
  if (!result.success)
    throw new ConfigError(
      result.error.issues
        .flatMap(toMessages)
        .map((m) => `${file}: ${m}`)
        .join('\n'),
    );
  return result.data;
}

/** A loaded config, with the file it came from and the SHA-256 of its bytes (for the report). */
export interface LoadedConfig {
  config: Config;
  source: { file: string; sha256: string } | null;
}

/** Loads `file` (named as given in messages); when `required` is false a missing file gives the defaults. */
export async function loadConfig(file: string, options: { cwd: string; required: boolean }): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path.resolve(options.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !options.required) return { config: structuredClone(DEFAULT_CONFIG), source: null };
    throw new ConfigError(`${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const { LineCounter, parseDocument } = await import('yaml');
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  if (document.errors.length > 0) {
    const { describeYamlError } = await import('./yaml-error.js');
    throw new ConfigError(`${file}:${describeYamlError(text, document.errors, lines)}`);
  }
  return {
    config: await parseConfig(document.toJS(), file),
    source: { file, sha256: createHash('sha256').update(text).digest('hex') },
  };
}
