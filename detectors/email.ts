import type { Detector } from '../src/engine/detector.js';

// Unbounded repetition on purpose: counted repetition ({0,63}) over Unicode classes multiplies
// RE2's DFA states until it falls back to its slow NFA. Lengths are checked in validate().
const DOMAIN = String.raw`(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+(?:xn--[a-zA-Z0-9-]+|\p{L}\p{L}+)`;

/** Top-level "domains" that are really file extensions (`logo@2x.png`). */
const FILE_EXTENSIONS = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'ico',
  'css',
  'js',
  'mjs',
  'map',
  'json',
  'txt',
  'html',
  'pdf',
]);

/** systemd unit types: `getty@tty1.service` is a unit instance, not an address. */
const UNIT_TYPES = new Set([
  'service',
  'socket',
  'timer',
  'mount',
  'automount',
  'target',
  'slice',
  'scope',
  'path',
  'device',
  'swap',
]);

/** An address whose text before it opens a URL's userinfo (`https://user:token@host`). */
const URL_USERINFO_BEFORE = /[a-z][a-z0-9+.-]*:\/\/[^\s/@?#]*$/;

/** Headers whose values are Message-IDs (`<20261101100000.12345@mail.example.com>`), in a list or alone. */
const MESSAGE_ID_BEFORE =
  /(?:message-?id|msg-?id|in-reply-to|references|content-id)["']?\s*[=:]\s*["']?(?:<[^<>]*>[\s,]*)*<?$/;

/** A machine-made local part: hex digits, dots and dashes with a long run of digits (a timestamp or a counter). */
const GENERATED_LOCAL = /^(?=[0-9a-f.$=_-]*\d{8})[0-9a-f.$=_-]+$/i;

/** Whether the address is a Message-ID: under a Message-ID header, or a machine-made one in angle brackets. */
function isMessageId(local: string, context: { before: string; after: string }): boolean {
  if (MESSAGE_ID_BEFORE.test(context.before)) return true;
  return context.before.endsWith('<') && context.after.startsWith('>') && GENERATED_LOCAL.test(local);
}

/** Decodes a URL-encoded address (`j%C3%B6rg%40example.com`); a malformed escape leaves the rest as it is. */
function decodeAddress(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw.replace(/%40/gi, '@').replace(/%2b/gi, '+').replace(/%2e/gi, '.');
  }
}

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
const UNUSUAL_VALUE = String.raw`(?m)[^\n]{64}|[\x{10000}-\x{10FFFF}]|\.(?i:${[...FILE_EXTENSIONS, ...UNIT_TYPES].join('|')})$|^(?i:${[...SSH_USERS].join('|')})@|%`;

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
    {
      name: 'email.address',
      regex: String.raw`[\p{L}\p{N}*][\p{L}\p{N}._%+'*-]*(?:@|%40)` + DOMAIN,
      score: 0.85,
      prefilter: '@|%40',
    },
    // URL-encoded addresses are ASCII, so this pattern needs no Unicode classes.
    {
      name: 'email.url_encoded',
      regex: String.raw`(?:[A-Za-z0-9._+'-]|%[0-9A-Fa-f]{2})+%40(?:[A-Za-z0-9-]|%[0-9A-Fa-f]{2})+(?:\.(?:[A-Za-z0-9-]|%[0-9A-Fa-f]{2})+)*\.[A-Za-z]{2,}\b`,
      score: 0.85,
      prefilter: '%40',
    },
  ],
  contextWords: ['email', 'e-mail', 'mail', 'contact', 'recipient', 'to=', 'from='],
  fieldNames: ['email', 'mail', 'emailaddress', 'e_mail'],
  unusualValue: UNUSUAL_VALUE,
  normalize: (raw) => (raw.includes('%') ? decodeAddress(raw) : raw),
  validate(value, context) {
    const at = value.lastIndexOf('@');
    if (at > 64 || value.length - at - 1 > 253 || hasLongLabel(value, at + 1))
      return { status: 'invalid', reason: 'longer than RFC 5321 allows' };
    const tld = value.slice(value.lastIndexOf('.') + 1);
    if (tld.length <= 4 && FILE_EXTENSIONS.has(tld.toLowerCase()))
      return { status: 'invalid', reason: 'file name with a scale suffix' };
    if (at <= 3 && SSH_USERS.has(value.slice(0, at).toLowerCase()))
      return { status: 'invalid', reason: 'SSH remote user' };
    if (context.after.startsWith(':') && /^:[\w~/]/.test(context.after))
      return { status: 'invalid', reason: 'scp-style remote' };
    if (UNIT_TYPES.has(tld.toLowerCase())) return { status: 'invalid', reason: 'systemd unit name' };
    if (URL_USERINFO_BEFORE.test(context.before)) return { status: 'invalid', reason: 'userinfo of a URL' };
    if (isMessageId(value.slice(0, at), context)) return { status: 'invalid', reason: 'Message-ID' };
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
      { text: 'GET /u?email=j%C3%B6rg.m%C3%BCller%40ex%C3%A4mple.de&x=1', value: 'jörg.müller@exämple.de' },
      { text: 'GET /u?to=%C3%A9lodie%40example.fr', value: 'élodie@example.fr' },
      { text: 'To: <jane.doe@example.com>', value: 'jane.doe@example.com' },
      { text: 'from 12345678@example.com', value: '12345678@example.com' },
    ],
    negative: [
      { text: 'served /static/logo@2x.png', reason: 'image file name with a scale suffix' },
      { text: 'installed pkg@1.2.3', reason: 'package version, not a domain' },
      { text: 'cloning git@github.com:acme/app.git', reason: 'SSH remote user' },
      { text: 'mail to user@localhost failed', reason: 'no public domain' },
      { text: 'decorator @Component({selector: "x"})', reason: 'no local part' },
      { text: `${'a'.repeat(65)}@example.com`, reason: 'local part longer than 64 characters' },
      {
        text: `mail to user@${'𝒜'.repeat(32)}.example.com`,
        reason: 'domain label longer than 63 characters (32 astral letters, 64 UTF-16 units)',
      },
      {
        text: 'postfix/cleanup[123]: 4F2B3C: message-id=<20261101100000.12345@mail.example.com>',
        reason: 'Message-ID',
      },
      { text: 'Message-ID: <CAF8c1x-Ab9@mail.example.com>', reason: 'Message-ID header' },
      {
        text: 'References: <a1@mail.example.com> <b2.c3@mail.example.com>',
        reason: 'Message-IDs in a References header',
      },
      {
        text: 'queued <5f8a9b3c.20261101100000@relay.example.com>',
        reason: 'machine-made Message-ID in angle brackets',
      },
      { text: 'Started getty@tty1.service and user@1000.service.', reason: 'systemd unit names' },
      { text: 'GET https://deploy:s3cr3tT0ken@git.example.com/repo.git', reason: 'userinfo of a URL' },
      { text: 'mongodb+srv://admin:M0ng0Pass@cluster0.example.net/db', reason: 'userinfo of a URL' },
    ],
  },
};
