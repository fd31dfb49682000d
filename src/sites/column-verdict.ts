/**
 * What a database column's findings come to once the whole column has been seen. Each value is
 * judged alone first; this step weighs the column: the share of its values that matched, whether
 * the matches were whole values (a column of single tokens) or inside longer text, and what the
 * column's name says. A detector's `column` rule (types.ts) says when a column not named for its
 * kind is not reported (order numbers that pass a phone check, versions that are dotted quads);
 * in a column named for a kind, a masked value is that kind's (a card column's `***-**-1111`).
 */
import type { Detector } from '../engine/detector.js';
import type { Finding } from './finding.js';
import type { Occurrence } from '../engine/occurrence.js';
import type { DetectorSet } from '../engine/detector-set.js';
import { isOtherKindKey, nameWords, namedDetector } from '../engine/key-names.js';
import type { ValuesRecord } from '../connectors/values-record.js';
import { foldStrayForms, type ColumnFinding } from './column-forms.js';

/** What a column's values came to for one detector and form (and JSON path). */
interface Matched {
  /** Values with a match. */
  values: number;
  /** The row of the last match counted (a value's several matches count once). */
  lastRow: number;
  /** Whether some match was inside a longer text. */
  partial: boolean;
  /** What the values were found to be (detector id). */
  detector: string;
}

/** One column as scanned so far. */
export interface ColumnStats {
  /** The column's name. */
  name: string;
  /** Non-empty values scanned. */
  values: number;
  /** The detector the column's name names, if any. */
  named: Detector | undefined;
  matched: Map<string, Matched>;
  /** What the last occurrence matched: a column's occurrences mostly repeat it. */
  last: { detector: string; form: string; jsonPath: string | undefined; matched: Matched } | undefined;
  /** The unit group of a table read as key ranges (RecordOrigin.group): its verdict waits for every range. */
  group: string | undefined;
}

/**
 * A column's counts as plain data, for a column of a table read as key ranges: the counts of its
 * ranges add up (in one process or in a merge of shards) to what one read of the table counts.
 */
export interface ColumnTally {
  /** The column's site URI. */
  uri: string;
  name: string;
  group: string;
  values: number;
  /** Per detector, form and JSON path (their key): values with a match, and whether one was partial. */
  matched: Array<{ key: string; values: number; partial: boolean; detector: string }>;
}

const matchKey = (detector: string, form: string, jsonPath: string | undefined) =>
  `${detector}\0${form}\0${jsonPath ?? ''}`;

/** A JSON path's last key (`$.contact.phone` → phone), which names its values as a column's name does. */
function leafName(jsonPath: string): string {
  return (
    jsonPath
      .replace(/\[\*\]/g, '')
      .split('.')
      .pop() ?? ''
  );
}

/** Three significant digits: a share reads as 0.000333 or 0.25, not 0.00033333333. */
const toShare = (matched: number, values: number) =>
  values === 0 ? 0 : Number(Math.min(1, matched / values).toPrecision(3));

/**
 * The share of a column's values that matched, of those no other detector found whole: in a
 * login column of emails and some phone numbers, the phone numbers are all of the rest.
 */
function shareOfRest(stats: ColumnStats, matched: Matched): number {
  let others = 0;
  for (const m of stats.matched.values()) if (m.detector !== matched.detector && !m.partial) others += m.values;
  return matched.values / Math.max(1, stats.values - others);
}

export interface ColumnVerdicts {
  /** Counts a batch of a database column's values; returns the column's stats for its occurrences. */
  addRecord(record: ValuesRecord): ColumnStats;
  /** Counts an occurrence found in the column: in a column named for a kind, a masked value is that kind's. */
  addOccurrence(stats: ColumnStats, occurrence: Occurrence): Occurrence;
  /** The findings, with each column finding's share, less those the columns' rules drop. */
  judge(findings: Finding[]): Finding[];
  /** The group of a finding's column when its verdict waits for other ranges of its table. */
  groupOf(finding: Finding): string | undefined;
  /** The counts of the columns of tables read as ranges. */
  tallies(): ColumnTally[];
  /** Adds another range's counts of a column. */
  addTally(tally: ColumnTally): void;
}

export function createColumnVerdicts(set: () => DetectorSet): ColumnVerdicts {
  const columns = new Map<string, ColumnStats>();
  const byId = new Map<string, Detector>();
  const detectorOf = (id: string) => {
    if (byId.size === 0) for (const d of set().detectors) byId.set(d.id, d);
    return byId.get(id);
  };
  /** Whether a column not named for the finding's kind is not reported for it. */
  const dropped = (f: Finding, stats: ColumnStats, matched: Matched): boolean => {
    const detector = detectorOf(f.detector);
    if (detector === undefined || f.form !== 'plaintext') return false;
    const name = f.site.jsonPath === undefined ? stats.name : leafName(f.site.jsonPath);
    const rule = detector.column;
    if (rule?.notPersonal !== undefined && nameWords(name).some((w) => rule.notPersonal!.includes(w))) return true;
    if (isOtherKindKey(set(), detector, name)) return true;
    if (rule === undefined || namedDetector(set(), name)?.detector === detector) return false;
    return !matched.partial && shareOfRest(stats, matched) < rule.minShare;
  };
  const statsOf = (uri: string, name: string, group: string | undefined): ColumnStats => {
    let stats = columns.get(uri);
    if (stats === undefined)
      columns.set(
        uri,
        (stats = {
          name,
          values: 0,
          named: namedDetector(set(), name)?.detector,
          matched: new Map(),
          last: undefined,
          group,
        }),
      );
    return stats;
  };
  return {
    addRecord(record) {
      const stats = statsOf(record.origin.siteUri, record.hint, record.origin.group);
      stats.values += record.rows.length;
      return stats;
    },
    groupOf: (finding) => columns.get(finding.site.uri)?.group,
    tallies: () =>
      [...columns].flatMap(([uri, stats]) =>
        stats.group === undefined
          ? []
          : [
              {
                uri,
                name: stats.name,
                group: stats.group,
                values: stats.values,
                matched: [...stats.matched].map(([key, m]) => ({
                  key,
                  values: m.values,
                  partial: m.partial,
                  detector: m.detector,
                })),
              },
            ],
      ),
    addTally(tally) {
      const stats = statsOf(tally.uri, tally.name, tally.group);
      stats.values += tally.values;
      for (const { key, values, partial, detector } of tally.matched) {
        const matched = stats.matched.get(key);
        if (matched === undefined) stats.matched.set(key, { values, lastRow: -1, partial, detector });
        else {
          matched.values += values;
          matched.partial ||= partial;
        }
      }
    },
    addOccurrence(stats, o) {
      if (o.form === 'masked' && stats.named !== undefined && o.jsonPath === undefined && o.detector !== stats.named.id)
        o = { ...o, detector: stats.named.id };
      const last = stats.last;
      let matched =
        last !== undefined && last.detector === o.detector && last.form === o.form && last.jsonPath === o.jsonPath
          ? last.matched
          : undefined;
      if (matched === undefined) {
        const key = matchKey(o.detector, o.form, o.jsonPath);
        matched = stats.matched.get(key);
        if (matched === undefined)
          stats.matched.set(key, (matched = { values: 0, lastRow: -1, partial: false, detector: o.detector }));
        stats.last = { detector: o.detector, form: o.form, jsonPath: o.jsonPath, matched };
      }
      if (o.count !== undefined) matched.values += o.count;
      else if (o.line !== matched.lastRow) matched.values++;
      matched.lastRow = o.line;
      if (o.whole !== true) matched.partial = true;
      return o;
    },
    judge(findings) {
      const out: Finding[] = [];
      // Per column, the stored forms of the kind its name names, to fold (column-forms.ts).
      const stored = new Map<ColumnStats, ColumnFinding[]>();
      for (const f of findings) {
        // Columns are a table's and a CSV or Parquet file's: whatever the site's kind, its values were counted.
        const stats = columns.get(f.site.uri);
        const matched = stats?.matched.get(matchKey(f.detector, f.form, f.site.jsonPath));
        if (stats === undefined || matched === undefined) out.push(f);
        else if (f.form !== 'plaintext' && f.site.jsonPath === undefined && f.detector === stats.named?.id)
          stored.set(stats, [...(stored.get(stats) ?? []), { finding: f, values: matched.values }]);
        else if (!dropped(f, stats, matched)) out.push({ ...f, share: toShare(matched.values, stats.values) });
      }
      for (const [stats, forms] of stored)
        for (const { finding, values } of foldStrayForms(forms))
          out.push({ ...finding, share: toShare(values, stats.values) });
      return out;
    },
  };
}
