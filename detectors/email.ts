import type { Detector } from '../src/types.js';

// Unbounded repetition on purpose: counted repetition ({0,63}) over Unicode classes multiplies
// RE2's DFA states until it falls back to its slow NFA. Lengths are checked in validate().
const DOMAIN = String.raw`(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+(?:xn--[a-zA-Z0-9-]+|\p{L}\p{L}+)`;

/** Top-level "domains" that are really file extensions (`logo@2x.png`). */
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'css', 'js', 'mjs', 'map', 'json', 'txt', 'html', 'pdf']);

/** Whether a domain (from `from` to the end) has a label over 63 characters. */
function hasLongLabel(value: string, from: number): boolean {
  for (let start = from, dot = value.indexOf('.', from); ; start = dot + 1, dot = value.indexOf('.', start)) {
    if ((dot === -1 ? value.length : dot) - start > 63) return true;
    if (dot === -1) return false;
  }
}

/** Users of SSH remotes, not people (`git@github.com:org/repo.git`). */
const SSH_USERS = new Set(['git', 'hg', 'svn']);

/**
 * Whole addresses that validate() or normalize() could treat unlike others: 64 characters or
 * more (every RFC 5321 limit it checks lies past that; a character outside the BMP is two of
 * them), a file extension for a top-level domain, an SSH user, URL encoding. (Only a match's
 * `after` can make it an scp remote: whole values have none.)
 */
const UNUSUAL_VALUE = String.raw`(?m)[^\n]{64}|[\x{10000}-\x{10FFFF}]|\.(?i:${[...FILE_EXTENSIONS].join('|')})$|^(?i:${[...SSH_USERS].join('|')})@|%`;

export const email: Detector = {
  id: 'email',
  description: 'Email addresses, including plus-addressed, IDN, punycode and URL-encoded (%40) ones',
  category: 'contact',
  sensitivity: 'standard',
  identifier: 'direct',
  patterns: [
    // One pattern for clear and masked addresses (`j***@example.com`): a second Unicode-class
    // domain automaton beside this one makes RE2's union DFA blow up. The engine classifies a
    // match holding a run of mask characters as masked.
    // Stage one only looks for the @: Unicode classes would slow the union scan threefold.
    { name: 'email.address', regex: String.raw`[\p{L}\p{N}*][\p{L}\p{N}._%+'*-]*(?:@|%40)` + DOMAIN, score: 0.85, prefilter: '@|%40' },
  ],
  contextWords: ['email', 'e-mail', 'mail', 'contact', 'recipient', 'to=', 'from='],
  fieldNames: ['email', 'mail', 'emailaddress', 'e_mail'],
  unusualValue: UNUSUAL_VALUE,
  normalize: (raw) => (raw.includes('%') ? raw.replace(/%40/gi, '@').replace(/%2b/gi, '+').replace(/%2e/gi, '.') : raw),
  validate(value, context) {
    const at = value.lastIndexOf('@');
    if (at > 64 || value.length - at - 1 > 253 || hasLongLabel(value, at + 1)) return { status: 'invalid', reason: 'longer than RFC 5321 allows' };
    const tld = value.slice(value.lastIndexOf('.') + 1);
    if (tld.length <= 4 && FILE_EXTENSIONS.has(tld.toLowerCase())) return { status: 'invalid', reason: 'file name with a scale suffix' };
    if (at <= 3 && SSH_USERS.has(value.slice(0, at).toLowerCase())) return { status: 'invalid', reason: 'SSH remote user' };
    if (context.after.startsWith(':') && /^:[\w~/]/.test(context.after)) return { status: 'invalid', reason: 'scp-style remote' };
    return { status: 'none' };
  },
  mask(value) {
    const at = value.lastIndexOf('@');
    return `${[...value.slice(0, at)][0] ?? ''}***${value.slice(at)}`;
  },
  examples: {
    positive: [
      { text: 'user jane.doe@example.com logged in', value: 'jane.doe@example.com' },
      { text: 'sent to jane+billing@example.com', value: 'jane+billing@example.com' },
      { text: 'reply-to: ops@mail.eu.example.com', value: 'ops@mail.eu.example.com' },
      { text: '{"email":"josé.müller@exämple.de"}', value: 'josé.müller@exämple.de' },
      { text: 'from user@xn--bcher-kva.example', value: 'user@xn--bcher-kva.example' },
      { text: 'GET /api/users?email=jane.doe%40example.com&page=2', value: 'jane.doe@example.com' },
      { text: 'contact j***@example.com', value: 'j***@example.com', form: 'masked' },
    ],
    negative: [
      { text: 'served /static/logo@2x.png', reason: 'image file name with a scale suffix' },
      { text: 'installed pkg@1.2.3', reason: 'package version, not a domain' },
      { text: 'cloning git@github.com:acme/app.git', reason: 'SSH remote user' },
      { text: 'mail to user@localhost failed', reason: 'no public domain' },
      { text: 'decorator @Component({selector: "x"})', reason: 'no local part' },
      { text: `${'a'.repeat(65)}@example.com`, reason: 'local part longer than 64 characters' },
    ],
  },
};
