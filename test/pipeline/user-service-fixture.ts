// The user-service policy the policy tests share: the user service holds PII encrypted only, other
// services pseudonymised or masked, and logs masked emails only.
import type { Finding } from '../../src/sites/finding.js';

export function userServicePolicy(unsalted: 'allow' | 'forbid' = 'allow'): string {
  return `policy:
  rules:
    users: { "*": [encrypted] }
    "*":
      "*": [masked, hashed, tokenized]
      email: { logs: [masked], "*": [masked, hashed, tokenized] }
  unsaltedHashes: ${unsalted}
`;
}

/** What the policy says of the user service's ciphertext, a plaintext copy and a masked log line. */
export const USER_SERVICE_VERDICTS = {
  'users encrypted': 'allowed policy.rules.users["*"]',
  'orders plaintext': 'violation policy.rules["*"].email["*"]',
  'gateway masked': 'allowed policy.rules["*"].email.logs',
};

/** `service form` → `verdict rule`, and the link of a linkable finding. */
export function verdictsOf(findings: readonly Finding[]): Record<string, string> {
  return Object.fromEntries(
    findings.map((f) => [
      `${f.service} ${f.form}`,
      `${f.policy!.verdict} ${f.policy!.rule}${f.linkable ? ` linkable ${f.linkable.digest} ${f.linkable.share}` : ''}`,
    ]),
  );
}
