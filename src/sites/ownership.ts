/**
 * Which service owns a leak site. Config rules (`services:`) are globs over the file's location
 * URI and the last matching rule wins (as in CODEOWNERS); without a rule, a JSON log line's own
 * service field decides; without that, the folder layout does.
 */
import picomatch from 'picomatch';

/** A service rule from the config. */
export interface ServiceRule {
  service: string;
  match: string | string[];
}

export interface Owner {
  service: string;
  /** `services[2]`, `field service`, `folder`, `schema` or `prefix`: shown as the finding's serviceSource. */
  source: string;
}

export interface OwnershipInput {
  /** Location URI of the file or record (`file://logs/orders/app.log.1`). */
  uri: string;
  recordService?: string;
  defaultService: string;
  /** Where the default comes from: `folder` (files), `schema` (database columns) or `prefix` (S3 keys). */
  defaultSource: 'folder' | 'schema' | 'prefix';
}

export type ResolveOwner = (input: OwnershipInput) => Owner;

export function createOwnership(rules: readonly ServiceRule[], serviceField: string): ResolveOwner {
  const matchers = rules.map((rule) => picomatch(rule.match, { dot: true }));
  return ({ uri, recordService, defaultService, defaultSource }) => {
    for (let i = matchers.length - 1; i >= 0; i--) {
      if (matchers[i]!(uri)) return { service: rules[i]!.service, source: `services[${i}]` };
    }
    if (recordService !== undefined && recordService !== '')
      return { service: recordService, source: `field ${serviceField}` };
    return { service: defaultService, source: defaultSource };
  };
}
