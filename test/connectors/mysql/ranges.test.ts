// How bounds of a MySQL key range are written: text and bytes as hex (text with its column's
// charset), so any collation and byte survives; other values as strings; never raw SQL.
import { describe, expect, it } from 'vitest';
import { toBoundedRanges } from '../../../src/connectors/database/table-ranges.js';
import { toMysqlLiteral, toMysqlRangeCondition } from '../../../src/connectors/mysql/ranges.js';
import type { TableInfo } from '../../../src/connectors/database/driver.js';

const table = (orderedKey: TableInfo['orderedKey']): TableInfo => ({
  schema: 'shop',
  table: 'users',
  columns: [],
  skippedColumns: [],
  estimatedRows: 0,
  ...(orderedKey ? { orderedKey } : {}),
});

describe('MySQL key range literals', () => {
  it('writes text bounds as hex in the column charset, bytes as plain hex', () => {
    const [first, second] = toBoundedRanges('key', 'handle', ['C3A9']);
    const text = table({ columns: ['handle'], kind: 'text', charset: 'latin1' });
    expect(toMysqlRangeCondition(text, first!)).toBe("`handle` < _latin1 X'C3A9'");
    const bytes = table({ columns: ['handle'], kind: 'binary' });
    expect(toMysqlRangeCondition(bytes, second!)).toBe("`handle` >= X'C3A9'");
  });

  it('writes dates and decimals as strings, and integer keys as before', () => {
    const [, second] = toBoundedRanges('key', 'day', ["2024-01-01'"]);
    expect(toMysqlRangeCondition(table({ columns: ['day'], kind: 'value' }), second!)).toBe("`day` >= '2024-01-01'''");
    expect(toMysqlRangeCondition(table(undefined), second!)).toBe("`day` >= '2024-01-01'''");
  });

  it('refuses a bound that is not hex rather than write it into SQL', () => {
    const literal = toMysqlLiteral({ columns: ['handle'], kind: 'text', charset: 'utf8mb4' });
    expect(() => literal("41' OR 1=1 -- ")).toThrow('not hex');
    expect(() => literal('ABC')).toThrow('not hex');
    expect(literal('')).toBe("_utf8mb4 X''");
  });
});
