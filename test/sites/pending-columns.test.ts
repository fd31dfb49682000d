// A table read as ranges: each range's findings and column counts wait, unjudged, and are judged
// once over the whole column, as one read of the table judges them. No server needed;
// test/runner/shards/tables-shards.integration.test.ts reads real tables.
import { describe, expect, it } from 'vitest';
import { createRecordScanner, toScanTotals } from '../../src/sites/record-scanner.js';
import { createPendingStore } from '../../src/sites/pending-columns.js';
import { toValuesRecord } from '../../src/connectors/values-record.js';
import type { Finding } from '../../src/sites/finding.js';
import { columnOrigin, DEFAULT_SETTINGS } from '../scan-inputs.js';

const ROWS = 400;
/** A reference column whose last fifth holds phone numbers: too few for a column not named for phones. */
const refs = Array.from({ length: ROWS }, (_, i) =>
  i >= ROWS - 80 ? `+1 202-555-01${String(i % 100).padStart(2, '0')}` : `R-${i}`,
);
const emails = Array.from({ length: ROWS }, (_, i) => `buyer${i}@example.com`);

/** Rows [from, to) of both columns through one sink; `group` marks them a range of their table. */
function scanRows(from: number, to: number, group?: string) {
  const sink = createRecordScanner(DEFAULT_SETTINGS)();
  const rows = Int32Array.from({ length: to - from }, (_, i) => i + 1);
  for (const [column, values] of [
    ['extra', refs],
    ['email', emails],
  ] as const) {
    const origin = { ...columnOrigin(column), ...(group ? { group } : {}) };
    sink.scan(toValuesRecord(origin, values.slice(from, to), rows, column));
  }
  return toScanTotals(sink);
}

const verdicts = (findings: readonly Finding[]) =>
  findings
    .map((f) => ({ site: f.site.uri, detector: f.detector, count: f.count, share: f.share }))
    .sort((a, b) => (a.site < b.site ? -1 : 1));

describe('pending columns', () => {
  it('judges a column over all its ranges, not range by range', () => {
    const whole = scanRows(0, ROWS);
    expect(whole.pending).toBeUndefined();
    expect(verdicts(whole.findings).map((v) => v.site)).toEqual(['postgres://h/db/t.email']);
    // Read alone, the last range is mostly phone numbers: judged by itself it would be reported.
    expect(verdicts(scanRows(ROWS / 2, ROWS).findings).map((v) => v.site)).toContain('postgres://h/db/t.extra');

    const store = createPendingStore(DEFAULT_SETTINGS);
    for (const [from, to] of [
      [ROWS / 2, ROWS],
      [0, ROWS / 2],
    ] as const) {
      const range = scanRows(from, to, 'postgres://h/db/t');
      expect(range.findings).toEqual([]);
      store.add({ ...range.pending!, rows: { 'postgres://h/db/t': to - from } });
    }
    const judged = store.judge();
    expect(verdicts(judged)).toEqual(verdicts(whole.findings));
    expect(judged.map((f) => f.rowsScanned)).toEqual([ROWS]);
  });

  it('gives plain data that a part can hold and a merge can add up again', () => {
    const parts = [
      [0, 150],
      [150, ROWS],
    ].map(([from, to]) => {
      const store = createPendingStore(DEFAULT_SETTINGS);
      const range = scanRows(from!, to!, 'g');
      store.add({ ...range.pending!, rows: { g: to! - from! } });
      return JSON.parse(JSON.stringify(store.toPending())) as NonNullable<ReturnType<typeof store.toPending>>;
    });
    const merged = createPendingStore(DEFAULT_SETTINGS);
    for (const part of parts.reverse()) merged.add(part);
    expect(verdicts(merged.judge())).toEqual(verdicts(scanRows(0, ROWS).findings));
    expect(createPendingStore(DEFAULT_SETTINGS).toPending()).toBeUndefined();
  });
});
