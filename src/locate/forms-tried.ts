/** Every form a locate run searches for, named as traces name them, for the report's evidence. */
import { toNormalForms } from './normalise.js';
import { DIGEST_ALGORITHMS, HMAC_ALGORITHM } from '../engine/digests.js';

/** Example values per kind: only the labels of their normal forms are used. */
const EXAMPLES: Record<string, string> = { email: 'a.b+c@gmail.com', phone: '+44 7700 900123' };

/** The forms tried for identifiers of `given` kinds, with HMAC when `keyed`. */
export function toFormsTried(given: readonly string[], keyed: boolean): string[] {
  const kinds = [...given].sort();
  const algorithms = [...DIGEST_ALGORITHMS, ...(keyed ? [HMAC_ALGORITHM] : [])];
  const forms = ['plaintext', 'normalised (case, whitespace, separators)', 'url-encoded', 'json-escaped'];
  if (kinds.includes('email')) forms.push('canonical mailbox (dots and +tags the provider ignores)');
  if (kinds.includes('phone')) forms.push('E.164', 'E.164 digits', 'national', 'international (00)');
  for (const kind of kinds)
    for (const { label } of toNormalForms(kind, EXAMPLES[kind] ?? 'A-1 b'))
      for (const a of algorithms) forms.push(`${a}-hex of ${label}`, `${a}-base64 of ${label}`);
  return forms;
}
