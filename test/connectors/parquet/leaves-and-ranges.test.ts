// The pure parts of the Parquet reader: which leaves of a nested value are scanned and under what
// JSON path, and which rows a sample reads.
import { describe, expect, it } from 'vitest';
import { forEachLeaf } from '../../../src/connectors/parquet/leaves.js';
import { toGroupRanges, toRowRanges } from '../../../src/connectors/parquet/row-ranges.js';

function leaves(value: unknown, column: string): string[][] {
  const out: string[][] = [];
  forEachLeaf(value, column, (jsonPath, key, text) => out.push([jsonPath, key, text]));
  return out;
}

describe('Parquet leaves', () => {
  it('gives a column its own value and nested leaves their JSON paths', () => {
    expect(leaves('ann@example.com', 'email')).toEqual([['', 'email', 'ann@example.com']]);
    expect(leaves(12n, 'id')).toEqual([['', 'id', '12']]);
    expect(leaves({ a: [{ phone: 'x' }, { phone: 'y' }] }, 'c')).toEqual([
      ['$.c.a[*].phone', 'phone', 'x'],
      ['$.c.a[*].phone', 'phone', 'y'],
    ]);
  });

  it('leaves out what holds no text and never puts a map key that is a value into a path', () => {
    expect(leaves({ on: true, at: new Date(0), score: 1.5, raw: new Uint8Array([1]) }, 'c')).toEqual([]);
    expect(leaves({ 'ann@example.com': 'vip' }, 'tags')).toEqual([['$.tags.*', 'tags', 'vip']]);
  });
});

describe('Parquet row ranges', () => {
  const groups = toGroupRanges([100, 100, 100, 100]);

  it('reads every group when the file is small enough or --full', () => {
    expect(toRowRanges(groups, { sampleRows: 400, full: false, seed: 1 })).toEqual(groups);
    expect(toRowRanges(groups, { sampleRows: 10, full: true, seed: 1 })).toEqual(groups);
  });

  it('draws groups by the seed, cutting the last, in file order', () => {
    const picks = toRowRanges(groups, { sampleRows: 150, full: false, seed: 3 });
    expect(picks.reduce((n, r) => n + r.rowEnd - r.rowStart, 0)).toBe(150);
    expect(picks).toEqual([...picks].sort((a, b) => a.rowStart - b.rowStart));
    for (const r of picks) expect(groups.some((g) => g.rowStart <= r.rowStart && r.rowEnd <= g.rowEnd)).toBe(true);
    expect(toRowRanges(groups, { sampleRows: 150, full: false, seed: 3 })).toEqual(picks);
  });
});
