// Which ClickHouse column types are read, and how: types newer than the test server (Map, JSON) included.
import { describe, expect, it } from 'vitest';
import { toClickhouseKind } from '../../../src/connectors/clickhouse/types.js';

describe('toClickhouseKind', () => {
  it.each([
    ['String', 'text'],
    ['FixedString(11)', 'text'],
    ['Nullable(String)', 'text'],
    ['LowCardinality(Nullable(String))', 'text'],
    ["Enum8('a' = 1, 'b' = 2)", 'text'],
    ['IPv6', 'text'],
    ['UInt64', 'number'],
    ['Nullable(Int32)', 'number'],
    ['Array(String)', 'json'],
    ['Array(Nullable(String))', 'json'],
    ['Array(LowCardinality(String))', 'json'],
    ['Map(String, String)', 'json'],
    ['Map(LowCardinality(String), UInt64)', 'json'],
    ['Tuple(name String, age UInt8)', 'json'],
    ['JSON', 'json'],
    ["Object('json')", 'json'],
  ])('reads %s as %s', (type, kind) => {
    expect(toClickhouseKind(type)).toBe(kind);
  });

  it.each(['Date', 'DateTime64(3)', 'UUID', 'Float64', 'UInt8', 'Array(UInt32)', 'Map(UInt8, Float64)'])(
    'skips %s (no PII fits it)',
    (type) => {
      expect(toClickhouseKind(type)).toBeUndefined();
    },
  );
});
