/**
 * The primary keys of the rows of a batch, collected as a driver passes the key's values after a
 * row's columns: one string per row (a composite key's values joined by a tab), for locations.
 */
import type { RowKeys } from '../records.js';

export interface RowKeyCollector {
  /** Takes key column `part`'s value of the current row. */
  add(part: number, value: string | null): void;
  endRow(): void;
  /** The keys since the last take(), starting at row `firstRow`; undefined when the table has no key. */
  take(firstRow: number): RowKeys | undefined;
}

export function createRowKeys(columns: readonly string[] | undefined): RowKeyCollector {
  const parts: string[] = [];
  let values: string[] = [];
  return {
    add(part, value) {
      parts[part] = value ?? 'NULL';
    },
    endRow() {
      if (columns === undefined || columns.length === 0) return;
      values.push(columns.length === 1 ? (parts[0] ?? '') : parts.join('\t'));
      parts.length = 0;
    },
    take(firstRow) {
      if (columns === undefined || columns.length === 0) return undefined;
      const keys = { columns: [...columns], firstRow, values };
      values = [];
      return keys;
    },
  };
}
