import type { Detector, ValidationResult } from '../src/engine/detector.js';
import { isHighEntropy } from '../src/engine/entropy.js';
import { maskMiddle } from '../src/engine/mask.js';

const SECRET_KEYS = String.raw`(?:secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|passw(?:or)?d|pwd|auth|credential|session[_-]?key)`;

/**
 * Credentials in a URL of any scheme (`postgres://user:pass@`, `redis://:pass@`): the value is the
 * scheme and userinfo up to the `@`, which mask() turns into `scheme://***:***@`.
 */
const URL_CREDENTIALS = String.raw`\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@"'<>]*:[^\s/@"'<>]+@`;

/** Passwords that stand for one: templates, placeholders and redaction marks. */
const PLACEHOLDER_PASSWORD =
  /^(?:\$\{[^}]*\}|\$\w+|\{\{[^}]*\}\}|<[^>]*>|%s|\[[a-z_-]*\]|x+|password|passwd|pass|pwd|secret|changeme|redacted|filtered|hidden|\.+)$/i;

/**
 * A PEM private key: its header, and the key itself when it follows on the same line (a JSON
 * string with `\n` escapes, an environment variable with spaces), so that no template keeps it.
 */
const PEM_BODY = String.raw`(?:[A-Za-z0-9+/=\\]+| [A-Za-z0-9+/=]{16,})*(?: ?-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----)?`;
const PEM_HEADER = String.raw`-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|PGP) )?PRIVATE KEY(?: BLOCK)?-----`;

/** A PEM block's header line, which names the kind of key and holds none of it. */
function pemHeader(value: string): string {
  return value.slice(0, value.indexOf('-----', 11) + 5);
}

function validateUrlCredentials(value: string): ValidationResult {
  const password = value.slice(value.indexOf(':', value.indexOf('://') + 3) + 1, -1);
  return PLACEHOLDER_PASSWORD.test(password)
    ? { status: 'invalid', reason: 'a placeholder password' }
    : { status: 'valid', check: 'url-userinfo' };
}

/** A URL's userinfo without its user and password: `postgres://***:***@`, `redis://:***@`. */
function maskUrlCredentials(value: string): string {
  const scheme = value.slice(0, value.indexOf('://') + 3);
  return `${scheme}${value.startsWith(':', scheme.length) ? '' : '***'}:***@`;
}

function decodesToJwtHeader(value: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(value.split('.')[0] ?? '', 'base64url').toString('utf8')) as unknown;
    return typeof header === 'object' && header !== null && 'alg' in header;
  } catch {
    return false;
  }
}

function validateSecret(value: string): ValidationResult {
  if (value.startsWith('-----BEGIN')) return { status: 'valid', check: 'pem-header' };
  if (value.endsWith('@') && value.includes('://')) return validateUrlCredentials(value);
  if (value.startsWith('eyJ') && value.split('.').length === 3) {
    return decodesToJwtHeader(value)
      ? { status: 'valid', check: 'jwt-header' }
      : { status: 'invalid', reason: 'not a JWT header' };
  }
  if (/^(?:tok|tkn|pii|vt)_/.test(value))
    return { status: 'invalid', reason: 'a token reference to PII, not a credential' };
  if (/^(?:AKIA|ASIA|ghp_|gho_|glpat-|xox[bpars]-|sk_live_|rk_live_)/.test(value))
    return { status: 'valid', check: 'known-prefix' };
  if (/^[a-z]+$/i.test(value) || (value.includes('/') && /^[\w./-]+$/.test(value) && value.split('/').length > 2)) {
    return { status: 'invalid', reason: 'a word or a path' };
  }
  return isHighEntropy(value) ? { status: 'valid', check: 'entropy' } : { status: 'invalid', reason: 'low entropy' };
}

export const secret: Detector = {
  id: 'secret',
  description:
    'Secrets and tokens: AWS access keys, JWTs, bearer tokens, known token prefixes, high-entropy values of secret-named keys',
  category: 'secret',
  sensitivity: 'sensitive',
  identifier: 'none',
  patterns: [
    { name: 'secret.aws_access_key', regex: String.raw`\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b`, score: 0.9 },
    {
      name: 'secret.jwt',
      regex: String.raw`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`,
      score: 0.6,
    },
    {
      name: 'secret.known_prefix',
      regex: String.raw`\b(?:gh[po]_[A-Za-z0-9]{36}|glpat-[A-Za-z0-9_-]{20}|xox[bpars]-[A-Za-z0-9-]{10,}|[sr]k_live_[A-Za-z0-9]{24,})\b`,
      score: 0.9,
    },
    { name: 'secret.bearer', regex: String.raw`(?i)\bbearer\s+(?P<value>[A-Za-z0-9._~+/-]{20,}=*)`, score: 0.6 },
    { name: 'secret.url_credentials', regex: URL_CREDENTIALS, score: 0.6 },
    { name: 'secret.private_key', regex: PEM_HEADER + PEM_BODY, score: 0.6 },
    {
      name: 'secret.encrypted_private_key',
      regex: '-----BEGIN ENCRYPTED PRIVATE KEY-----' + PEM_BODY,
      score: 0.9,
      form: 'encrypted',
    },
    {
      name: 'secret.keyed',
      regex: String.raw`(?i)${SECRET_KEYS}[\w.-]*["']?\s*[:=]\s*["']?(?P<value>[A-Za-z0-9+/_=.-]{16,})`,
      score: 0.5,
    },
  ],
  contextWords: ['secret', 'token', 'key', 'password', 'authorization', 'bearer', 'credential'],
  fieldNames: [],
  validate: (value) => validateSecret(value),
  mask(value) {
    if (value.startsWith('-----BEGIN')) return pemHeader(value);
    if (value.endsWith('@') && value.includes('://')) return maskUrlCredentials(value);
    return maskMiddle(value, { prefix: 4, suffix: 0, maxStars: 12 });
  },
  examples: {
    positive: [
      { text: 'using key AKIAIOSFODNN7EXAMPLE for upload', value: 'AKIAIOSFODNN7EXAMPLE' },
      {
        text: 'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
        value:
          'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      },
      { text: 'Authorization: Bearer 9f8Kq2LmZx7Vt4Rw1Ys6Pb3Nd0Hc5Jg', value: '9f8Kq2LmZx7Vt4Rw1Ys6Pb3Nd0Hc5Jg' },
      { text: 'api_key=Zx8Qv2Lm9Tr4Wp7Ks1Nb6Yc3Hd5Fg0', value: 'Zx8Qv2Lm9Tr4Wp7Ks1Nb6Yc3Hd5Fg0' },
      { text: '{"client_secret":"4f9a1c7e2b8d3f6a0e5c9b7d1a3f8e2c"}', value: '4f9a1c7e2b8d3f6a0e5c9b7d1a3f8e2c' },
      {
        text: 'DATABASE_URL=postgres://app:Sup3rS3cretPw@db.example.com:5432/app',
        value: 'postgres://app:Sup3rS3cretPw@',
      },
      { text: 'connecting to redis://:hunt3r2@cache:6379/0', value: 'redis://:hunt3r2@' },
      { text: 'broker amqp://guest:rabbitPw123@mq.example.com:5672/', value: 'amqp://guest:rabbitPw123@' },
      { text: 'uri=mongodb+srv://admin:M0ng0Pass@cluster0.example.net/db', value: 'mongodb+srv://admin:M0ng0Pass@' },
      {
        text: 'cloning https://deploy:ghx_abcdEFGH1234@git.example.com/repo.git',
        value: 'https://deploy:ghx_abcdEFGH1234@',
      },
      { text: 'key loaded: -----BEGIN RSA PRIVATE KEY-----', value: '-----BEGIN RSA PRIVATE KEY-----' },
      {
        text: '{"key":"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----"}',
        value: '-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----',
      },
      {
        text: '-----BEGIN ENCRYPTED PRIVATE KEY-----',
        value: '-----BEGIN ENCRYPTED PRIVATE KEY-----',
        form: 'encrypted',
      },
    ],
    negative: [
      { text: 'token=aaaaaaaaaaaaaaaaaaaaaaaa', reason: 'low entropy' },
      { text: 'api_key=/etc/piiscan/keys/api.pem', reason: 'a path' },
      { text: 'auth_provider=PasswordAuthenticator', reason: 'a word' },
      { text: 'trace_id=4bf92f3577b34da6a3ce929d0e0e4736', reason: 'trace id: no secret key word' },
      { text: 'commit 9fceb02d0ae598e95dc970b74767f19372d61af8', reason: 'git SHA: no secret key word' },
      { text: 'password=hunter2', reason: 'too short to tell from a word' },
      {
        text: '{"email_token":"tok_4f8Kq2LmZx7Vt4Rw"}',
        reason: 'a token reference to PII (tokenized form), not a credential',
      },
      { text: 'url=postgres://app:${DB_PASSWORD}@db.example.com/app', reason: 'a placeholder password' },
      { text: 'dsn mysql://root:<password>@localhost/db', reason: 'a placeholder password' },
      { text: 'GET https://example.com/login?next=/home HTTP/1.1', reason: 'a URL without userinfo' },
      { text: 'ssh git@github.com:acme/app.git', reason: 'a user without a password' },
      { text: '-----BEGIN CERTIFICATE-----', reason: 'a certificate is public' },
      { text: '-----BEGIN PUBLIC KEY-----', reason: 'a public key' },
    ],
  },
};
