// Parquet fixtures written by hyparquet-writer: flat, nested (struct), repeated (lists of strings
// and of structs) and non-text columns, synthetic values only (example.com, documented test
// numbers: Visa's 4111 1111 1111 1111, the 555-01xx range).
import { parquetWriteBuffer } from 'hyparquet-writer';

const TEXT = { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' } as const;

/** The schema: email, contact{phone, city}, aliases[list of string], orders[list of {card, note}], flags. */
const SCHEMA = [
  { name: 'root', num_children: 6 },
  { name: 'email', ...TEXT },
  { name: 'contact', repetition_type: 'OPTIONAL', num_children: 2 },
  { name: 'phone', ...TEXT },
  { name: 'city', ...TEXT },
  { name: 'aliases', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', ...TEXT },
  { name: 'orders', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
  { name: 'card', ...TEXT },
  { name: 'note', ...TEXT },
  { name: 'active', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
  { name: 'score', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
];

/** A users file of `rows` rows in row groups of `groupRows`; row i (0-based) has user<i>@example.com. */
export function writeUsersParquet(rows: number, groupRows = rows): Buffer {
  const range = Array.from({ length: rows }, (_, i) => i);
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'email', data: range.map((i) => `user${i}@example.com`) },
      {
        name: 'contact',
        data: range.map((i) => ({ phone: `+1 202-555-01${String(i % 100).padStart(2, '0')}`, city: 'Springfield' })),
      },
      { name: 'aliases', data: range.map((i) => (i % 2 === 0 ? [`alt${i}@example.com`, 'nobody'] : [])) },
      { name: 'orders', data: range.map(() => [{ card: '4111 1111 1111 1111', note: 'gift' }]) },
      { name: 'active', data: range.map((i) => i % 3 === 0) },
      { name: 'score', data: range.map((i) => i / 7) },
    ],
    schema: SCHEMA as never,
    rowGroupSize: groupRows,
  });
  return Buffer.from(buffer);
}
