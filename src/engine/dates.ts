/**
 * Dates that say how old stored data is, for retention: a log line's timestamp and a date in a
 * path or key. Each returns epoch milliseconds (UTC when the text gives no offset) or undefined.
 * A date of birth or any other date inside a message must not pass for the line's age, so a text
 * line's timestamp counts only with its time of day and near the line's start, and a JSON line's
 * only under a timestamp key. Timestamps without a year (syslog's `Nov  1 10:00:00`) are not
 * read: the file's own date stands in for them.
 */

/** Characters of a text line searched for its timestamp: the prefix loggers put it in. */
const TEXT_PREFIX = 64;
/** Characters of a JSON line searched for a timestamp key. */
const JSON_PREFIX = 512;

/** ISO 8601 / RFC 3339 date and time (`2026-11-01T10:00:00Z`, `2026-11-01 10:00:00,123 +0100`). */
const ISO = /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s?(Z|[+-]\d{2}:?\d{2})?/;
/** Common and combined log format: `[01/Nov/2026:10:00:00 +0000]`. */
const CLF = /\[(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?: ([+-]\d{4}))?\]/;
/** A JSON line's timestamp key and its value, a string or epoch seconds or milliseconds. */
const JSON_TIME =
  /"(?:@?timestamp|ts|time|datetime|date|logged_at|created_at|event_time|eventTime|asctime)"\s*:\s*(?:"([^"]{8,40})"|(\d{9,13})(?:\.\d+)?)/;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

function toOffsetMs(offset: string | undefined): number {
  if (offset === undefined || offset === 'Z') return 0;
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return (digits[0] === '-' ? -1 : 1) * minutes * 60_000;
}

/** Epoch ms of a calendar date and time, or undefined when a part is out of range. */
function toEpoch(parts: { y: number; mo: number; d: number; h?: number; mi?: number; s?: number }): number | undefined {
  const { y, mo, d, h = 0, mi = 0, s = 0 } = parts;
  if (y < 1970 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // 2026-02-31 rolls over into March: not a date.
  return new Date(ms).getUTCDate() === d ? ms : undefined;
}

function fromIso(m: RegExpExecArray): number | undefined {
  const ms = toEpoch({ y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: +(m[6] ?? 0) });
  return ms === undefined ? undefined : ms - toOffsetMs(m[7]);
}

function fromClf(m: RegExpExecArray): number | undefined {
  const mo = MONTHS.indexOf(m[2]!) + 1;
  const ms = toEpoch({ y: +m[3]!, mo, d: +m[1]!, h: +m[4]!, mi: +m[5]!, s: +m[6]! });
  return ms === undefined ? undefined : ms - toOffsetMs(m[7]);
}

function fromJsonValue(text: string | undefined, epoch: string | undefined): number | undefined {
  if (epoch !== undefined) return Number(epoch) * (epoch.length > 10 ? 1 : 1000);
  const iso = ISO.exec(text!);
  if (iso) return fromIso(iso);
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text!);
  return date ? toEpoch({ y: +date[1]!, mo: +date[2]!, d: +date[3]! }) : undefined;
}

/** The timestamp a log line was written at, or undefined when it carries none this reads. */
export function toLineDate(line: string): number | undefined {
  if (line.trimStart().startsWith('{')) {
    const m = JSON_TIME.exec(line.slice(0, JSON_PREFIX));
    return m ? fromJsonValue(m[1], m[2]) : undefined;
  }
  const head = line.slice(0, TEXT_PREFIX);
  const iso = ISO.exec(head);
  if (iso) return fromIso(iso);
  const clf = CLF.exec(head);
  return clf ? fromClf(clf) : undefined;
}

/** Partition dates: `dt=2026-11-01`, `date=20261101`, `year=2026/month=11/day=01`. */
const PARTITION = /(?:^|[^a-z])(?:dt|date|day|ds)=(\d{4})-?(\d{2})-?(\d{2})(?=$|[/_.T])/gi;
const HIVE_PARTS = /year=(\d{4})\/month=(\d{1,2})\/day=(\d{1,2})(?=$|\/)/gi;
/** Dated folders `2026/11/01/` and dates in names `app-2026-10-30.log.gz`. */
const FOLDERS = /(?:^|\/)(\d{4})\/(\d{2})\/(\d{2})(?=$|\/)/g;
const IN_NAME = /(?:^|[^\d])(\d{4})-(\d{2})-(\d{2})(?=$|[^\d])/g;

/**
 * The date in a file's path or an object's key, or undefined. When several are written, the last
 * (nearest the file: a partition under an archive's year) says when the data is from.
 */
export function toPathDate(uri: string): number | undefined {
  let found: { at: number; ms: number } | undefined;
  for (const pattern of [PARTITION, HIVE_PARTS, FOLDERS, IN_NAME]) {
    for (const m of uri.matchAll(pattern)) {
      const ms = toEpoch({ y: +m[1]!, mo: +m[2]!, d: +m[3]! });
      const at = m.index + m[0].length;
      if (ms !== undefined && (found === undefined || at > found.at)) found = { at, ms };
    }
  }
  return found?.ms;
}

/** Whole days from `from` to `to` (both epoch ms), rounded down. */
export function daysBetween(from: number, to: number): number {
  return Math.floor((to - from) / DAY_MS);
}
