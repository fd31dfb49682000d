/**
 * Retention limits as people write them: `30d`, `2w`, `6m`, `1y`, `365 days`, a bare number of
 * days, or an ISO 8601 duration (`P30D`, `P1Y`). A month counts 30 days and a year 365, so a limit
 * is a whole number of days and a finding's excess reads the same every day.
 */
const UNIT_DAYS: Record<string, number> = { d: 1, w: 7, m: 30, y: 365 };

const WRITTEN = /^(\d+)\s*(d|days?|w|weeks?|m|months?|y|years?)?$/i;
const ISO = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/i;

/** Days a limit stands for, or undefined when it is not a limit. */
export function toLimitDays(limit: string | number): number | undefined {
  const text = String(limit).trim();
  const written = WRITTEN.exec(text);
  if (written) return Number(written[1]) * UNIT_DAYS[(written[2] ?? 'd')[0]!.toLowerCase()]!;
  const iso = ISO.exec(text);
  if (!iso || text.length < 3) return undefined;
  const [, y = 0, mo = 0, w = 0, d = 0] = iso.map((p) => (p === undefined ? undefined : Number(p)));
  return Number(y) * 365 + Number(mo) * 30 + Number(w) * 7 + Number(d);
}
