// The default policy decides every finding, whatever its service is called: a service name that
// picomatch's `*` would not match (empty, or holding a `/`) once left a finding with no rule.
import { describe, expect, it } from 'vitest';
import { matchRule } from '../../src/pipeline/policy/match.js';
import { DEFAULT_POLICY } from '../../src/pipeline/policy/policy.js';

const finding = {
  detector: 'email',
  category: 'contact',
  sensitivity: 'standard',
  identifier: 'direct',
  site: { kind: 'file', uri: 'file://app.log', template: '<email> signed up' },
} as const;

describe('matchRule', () => {
  it.each(['', 'build:1', 'tmp/piiscan-x1', '.hidden'])('gives the default rule to service %j', (service) => {
    expect(matchRule(DEFAULT_POLICY, { ...finding, service })).toEqual({
      path: ['*', '*'],
      forms: ['masked', 'hashed', 'tokenized', 'encrypted'],
    });
  });

  it('still lets a named service section win over `*`', () => {
    const policy = { rules: { '*': { '*': ['masked'] }, users: { email: ['encrypted'] } } } as never;
    expect(matchRule(policy, { ...finding, service: 'users' })?.path).toEqual(['users', 'email']);
  });
});
