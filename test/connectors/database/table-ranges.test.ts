// How a large table is cut into key or ctid ranges: every key in exactly one range (ends open),
// bounds that stay put while a few rows come and go, and ids that name no key value.
import { describe, expect, it } from 'vitest';
import {
  pickBounds,
  toBoundedRanges,
  toIntegerBounds,
  toRangeCondition,
  toRangeCount,
  toTableRangeId,
  type TableRange,
} from '../../../src/connectors/database/table-ranges.js';

const quote = (identifier: string) => `"${identifier}"`;

/** Whether an integer key falls in a range, as its SQL condition says (parsed back, not re-derived). */
function holds(range: TableRange, key: bigint): boolean {
  const sql = toRangeCondition(range, quote);
  if (sql === 'TRUE') return true;
  return sql.split(' AND ').every((part) => {
    const [, op, value] = /^"id" (>=|<) '(-?\d+)'$/.exec(part)!;
    return op === '>=' ? key >= BigInt(value!) : key < BigInt(value!);
  });
}

describe('table ranges', () => {
  it('splits a read only when its rows weigh more than the split size', () => {
    expect(toRangeCount(1000, 100_000)).toBe(1);
    expect(toRangeCount(1001, 100_000)).toBe(2);
    expect(toRangeCount(4000, 100_000)).toBe(4);
    expect(toRangeCount(4000, 0)).toBe(1);
  });

  it.each([
    [1n, 4000n, 4],
    [-500n, 37n, 3],
    [10n ** 15n, 10n ** 15n + 123_456_789n, 8],
    [5n, 9n, 8],
  ])('puts every key of %i..%i (and beyond) in exactly one of %i ranges', (lo, hi, count) => {
    const ranges = toBoundedRanges('key', 'id', toIntegerBounds(lo, hi, count));
    expect(ranges.length).toBeGreaterThan(1);
    expect(ranges.length).toBeLessThanOrEqual(count);
    const step = (hi - lo) / 97n + 1n;
    for (let key = lo - 1000n; key <= hi + 1000n; key += key >= lo && key <= hi ? step : 1n)
      expect(ranges.filter((r) => holds(r, key)).length).toBe(1);
    expect(ranges[0]!.from).toBeUndefined();
    expect(ranges[ranges.length - 1]!.to).toBeUndefined();
  });

  it('keeps its bounds while a few keys are added at the top, and moves them once the table grows', () => {
    const bounds = toIntegerBounds(1n, 4000n, 4);
    expect(toIntegerBounds(1n, 4010n, 4)).toEqual(bounds);
    expect(toIntegerBounds(3n, 4000n, 4)).toEqual(bounds);
    expect(toIntegerBounds(1n, 6000n, 4)).not.toEqual(bounds);
  });

  it('takes bounds evenly from sorted values, never the same twice', () => {
    const values = Array.from({ length: 101 }, (_, i) => `user${String(i).padStart(3, '0')}`);
    expect(pickBounds(values, 4)).toEqual(['user025', 'user050', 'user075']);
    expect(pickBounds(['a', 'a', 'b', 'b'], 4)).toEqual(['a', 'b']);
  });

  it("quotes text bounds (or writes them with a dialect's literal) and addresses blocks by ctid", () => {
    const [first, second] = toBoundedRanges('key', 'handle', ["o'neil"]);
    expect(toRangeCondition(first!, quote)).toBe(`"handle" < 'o''neil'`);
    expect(toRangeCondition(second!, quote)).toBe(`"handle" >= 'o''neil'`);
    expect(toRangeCondition(second!, quote, (v) => `<${v}>`)).toBe(`"handle" >= <o'neil>`);
    const blocks = toBoundedRanges('ctid', 'ctid', ['8', '16']);
    expect(toRangeCondition(blocks[1]!, quote)).toBe(`ctid >= '(8,0)'::tid AND ctid < '(16,0)'::tid`);
  });

  it('names a range by its place and a digest of its bounds, never a key value', () => {
    const ranges = toBoundedRanges('key', 'email', ['ann@example.com']);
    const ids = ranges.map(toTableRangeId);
    expect(ids[0]).toMatch(/^#key=1\/2@[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(2);
    expect(ids.join(' ')).not.toContain('example');
  });
});
