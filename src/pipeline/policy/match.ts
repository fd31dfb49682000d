/**
 * Which rule of a policy decides a finding. The most specific service section that has a rule for
 * the finding wins (a service's name over a glob, a longer glob over a shorter one, `*` last);
 * within it, a detector id over a category, over a sensitivity or identifier kind, over `*`; and
 * within a selector, the site kind over `logs` over `*`. Order in the file never matters.
 */
import picomatch from 'picomatch';
import type { Finding } from '../../sites/finding.js';
import type { AllowedForms, Policy, PolicyForm, PolicySiteKind } from './policy.js';

/** The rule that matched: its path in the config and the forms it allows. */
export interface MatchedRule {
  path: string[];
  forms: PolicyForm[];
}

function serviceRank(glob: string): number {
  if (glob === '*' || glob === '**') return 0;
  return picomatch.scan(glob).isGlob ? 1 + glob.replace(/[*?[\]{}!]/g, '').length : Number.MAX_SAFE_INTEGER;
}

type Subject = Pick<Finding, 'detector' | 'category' | 'sensitivity' | 'identifier' | 'site'>;

/** Selectors that apply to a finding, most specific first. */
function selectorsOf(f: Subject): string[] {
  return [f.detector, f.category, f.sensitivity, f.identifier, '*'];
}

/** Site kinds that apply to a site, most specific first. */
function kindsOf(site: Subject['site']): PolicySiteKind[] {
  return site.kind !== 'column' && site.template !== '' ? [site.kind, 'logs', '*'] : [site.kind, '*'];
}

function formsFor(allowed: AllowedForms, kinds: PolicySiteKind[]): { kind?: string; forms: PolicyForm[] } | undefined {
  if (Array.isArray(allowed)) return { forms: allowed };
  const kind = kinds.find((k) => allowed[k] !== undefined);
  return kind === undefined ? undefined : { kind, forms: allowed[kind]! };
}

const globs = new Map<string, (s: string) => boolean>();
function matches(glob: string, service: string): boolean {
  // `*` is every service, also one picomatch's `*` would not match: empty, or holding a `/`.
  if (glob === '*' || glob === '**') return true;
  let test = globs.get(glob);
  if (test === undefined) globs.set(glob, (test = picomatch(glob, { dot: true })));
  return test(service);
}

export function matchRule(policy: Pick<Policy, 'rules'>, f: Subject & { service: string }): MatchedRule | undefined {
  const sections = Object.keys(policy.rules)
    .filter((glob) => matches(glob, f.service))
    .sort((a, b) => serviceRank(b) - serviceRank(a));
  const kinds = kindsOf(f.site);
  for (const glob of sections) {
    const section = policy.rules[glob]!;
    for (const selector of selectorsOf(f)) {
      const allowed = section[selector];
      const found = allowed === undefined ? undefined : formsFor(allowed, kinds);
      if (found !== undefined)
        return { path: [glob, selector, ...(found.kind === undefined ? [] : [found.kind])], forms: found.forms };
    }
  }
  return undefined;
}

/** A rule's path as written in YAML paths: `users.email`, `["*"]["*"].logs`. */
export function toRuleName(root: string, path: readonly string[]): string {
  return root + path.map((p) => (/^[A-Za-z_][\w-]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('');
}
