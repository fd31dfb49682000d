/**
 * Hides the user and password of every URL in a text (`postgres://***@host/db`), whatever its
 * scheme and even when the scheme is mistyped (`postgres//u:p@host`, `s3:/key:secret@bucket`):
 * the user part alone can be a token (`https://ghp_...@github.com`), so all of it goes.
 */

/** A user part: what RFC 3986 allows before `@` (no `/ ? # @`), and no space or quote. */
const USER = String.raw`[^\s/?#@'"<>]+`;
/** `scheme:` and one or more slashes, then the user part. */
const WITH_SCHEME = new RegExp(String.raw`\b([a-z][a-z0-9+.-]*:/+)${USER}@`, 'gi');
/**
 * `scheme//` (colon missing) at the start of the text or after a space, quote or bracket: a doubled
 * slash inside a path is left alone.
 */
const COLON_MISSING = new RegExp(String.raw`(^|[\s'"(<\[=,])([a-z][a-z0-9+.-]*//)${USER}@`, 'gi');

/** A query parameter that holds a secret (`?password=`, `&sslpassword=`, `?token=`, `&secret_key=`). */
const SECRET_PARAM = /([?&][^=&\s#]*(?:pass|pwd|secret|token|key)[^=&\s#]*=)[^&\s#'"<>]+/gi;

export function maskUrlCredentials(text: string): string {
  return text.replace(WITH_SCHEME, '$1***@').replace(COLON_MISSING, '$1$2***@').replace(SECRET_PARAM, '$1***');
}
