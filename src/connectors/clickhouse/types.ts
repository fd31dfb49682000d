/**
 * How piiscan reads a ClickHouse column, from its type: strings (String, FixedString, Enum) and
 * addresses (IPv4, IPv6) as text, 64- and 32-bit integers as numbers, arrays, maps and tuples of strings as JSON, each
 * through Nullable and LowCardinality. Other types (dates, floats, UUIDs) are skipped.
 */
import type { ColumnKind } from '../database/driver.js';

const TEXT = /^(?:String|FixedString\(\d+\)|Enum(?:8|16)?\(.*\)|IPv4|IPv6)$/;
const NUMBER = /^U?Int(?:32|64|128|256)$/;
const NESTED = /^(?:Array|Map|Tuple)\(/;

/** The type inside `Nullable(...)` and `LowCardinality(...)`, which change how a value is stored, not what it is. */
export function unwrapType(type: string): string {
  const wrapper = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type);
  return wrapper ? unwrapType(wrapper[1]!) : type;
}

/** Whether a nested type holds strings anywhere (`Array(Nullable(String))`, `Map(String, UInt64)`). */
function holdsText(type: string): boolean {
  return /\b(?:String|FixedString\(\d+\))/.test(type);
}

export function toClickhouseKind(type: string): ColumnKind | undefined {
  const inner = unwrapType(type);
  if (TEXT.test(inner)) return 'text';
  if (NUMBER.test(inner)) return 'number';
  if (NESTED.test(inner) && holdsText(inner)) return 'json';
  // ClickHouse's JSON and Object('json') types: values come as JSON documents.
  if (/^(?:JSON|Object\('json'\))/i.test(inner)) return 'json';
  return undefined;
}
