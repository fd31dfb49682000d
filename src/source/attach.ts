/**
 * Points each log finding at the statement in its service's code that wrote the line: a step
 * after aggregation. A location the line itself carries (code-location.ts) wins; else the
 * service's repository is indexed (once) and the site's template matched against it.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../sites/finding.js';
export type { CodeSource } from '../sites/finding.js';
import { UserError } from '../errors/user-error.js';
import { indexRepository } from './index-repo.js';
import { createStatementMatcher, type StatementMatcher } from './match.js';
import { codeLocationOf } from './code-location.js';

/** A service's repository checkout: `services[].source` or `--source service=folder`. */
export interface ServiceSource {
  service: string;
  /** Absolute folder. */
  root: string;
}

/** What a log finding gains when sources are configured or its lines carry their code location. */
export type SourceFields = Pick<Finding, 'source' | 'sourceCandidates' | 'sourceReason'>;

function isLogSite(f: Finding): boolean {
  return f.site.kind !== 'column' && f.site.template !== '';
}

async function checkRoot(source: ServiceSource): Promise<void> {
  const info = await stat(source.root).catch(() => undefined);
  if (!info?.isDirectory())
    throw new UserError(`source of service ${source.service}: ${source.root} is not a folder (a checkout of its code)`);
}

/** Adds `source` (and ranked `sourceCandidates`, or `sourceReason`) to every log finding. */
export async function attachSources(
  findings: readonly Finding[],
  options: { sources: readonly ServiceSource[]; cache: string },
): Promise<Finding[]> {
  const roots = new Map(options.sources.map((s) => [s.service, s]));
  const matchers = new Map<string, Promise<StatementMatcher>>();
  const matcherFor = (s: ServiceSource) => {
    let m = matchers.get(s.service);
    if (m === undefined)
      matchers.set(
        s.service,
        (m = checkRoot(s)
          .then(() => indexRepository(s.root, options.cache))
          .then((index) => createStatementMatcher(index.files))),
      );
    return m;
  };
  const out: Finding[] = [];
  for (const f of findings) {
    const written = isLogSite(f) ? codeLocationOf(f.site.template) : undefined;
    if (!isLogSite(f) || (roots.size === 0 && written === undefined)) {
      out.push(f);
      continue;
    }
    const service = roots.get(f.service);
    const rootUri = service ? `${pathToFileURL(service.root).href.replace(/\/?$/, '/')}` : '';
    if (written) {
      out.push({ ...f, source: { ...written, root: rootUri } });
      continue;
    }
    if (!service) {
      out.push({ ...f, source: null, sourceReason: `no source configured for service ${f.service}` });
      continue;
    }
    const candidates = (await matcherFor(service)).match(f.site.template).map((c) => ({ ...c, root: rootUri }));
    const [first, ...rest] = candidates;
    if (first === undefined)
      out.push({ ...f, source: null, sourceReason: `no statement in ${path.basename(service.root)} matched` });
    else out.push({ ...f, source: first, ...(rest.length > 0 ? { sourceCandidates: rest } : {}) });
  }
  return out;
}
