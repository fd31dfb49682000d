/**
 * Whether a finding breaks the policy: its verdict when the policy step gave it one, else the
 * default policy's (only plaintext is a violation), so findings made before the step agree.
 */
import type { Finding } from './finding.js';

export function isViolation(f: Pick<Finding, 'form' | 'policy'>): boolean {
  return f.policy === undefined ? f.form === 'plaintext' : f.policy.verdict === 'violation';
}
