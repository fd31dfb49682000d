/** Parsers for option values; each throws commander's InvalidArgumentError with a short reason. */
import { InvalidArgumentError } from 'commander';
import { detectors } from '../../detectors/index.js';
import { FORMAT_NAMES } from '../report/formatters.js';

export function parseConfidence(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError('expected a number from 0 to 1.');
  return n;
}

export function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number (0 or more).');
  return Number(value);
}

export function parsePositive(value: string): number {
  const n = parseCount(value);
  if (n < 1) throw new InvalidArgumentError('expected a whole number from 1.');
  return n;
}

export function parseList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}

export function parseJobs(value: string): number | 'auto' {
  if (value === 'auto') return value;
  const n = parseCount(value);
  if (n < 1) throw new InvalidArgumentError('expected auto or a whole number from 1.');
  return n;
}

export function parseDetectorIds(value: string): string[] {
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const known = detectors.map((d) => d.id);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new InvalidArgumentError(
      `unknown detector ${unknown.join(', ') || '(none given)'}; known: ${known.join(', ')}.`,
    );
  }
  return ids;
}

export function parseFormat(value: string): string {
  if (!FORMAT_NAMES.includes(value)) throw new InvalidArgumentError(`expected one of ${FORMAT_NAMES.join(', ')}.`);
  return value;
}

/** KB, MB and GB count in 1024s, as the sizes piiscan prints do. */
const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** A size in bytes: `1048576`, `256MB`, `1GiB`; at least one byte (a cap of 0 would skip everything). */
export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = m ? SIZE_UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new InvalidArgumentError('expected a size such as 1048576, 256MB or 1GiB.');
  const bytes = Math.floor(Number(m[1]) * unit);
  if (bytes < 1) throw new InvalidArgumentError('expected a size of at least 1 byte (0 would skip every object).');
  return bytes;
}

/** `--source service=folder`, repeatable: a service's code checkout. */
export function parseSource(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  if (at < 1 || at === value.length - 1)
    throw new InvalidArgumentError('expected service=folder, e.g. orders=../orders-service.');
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

/** Epoch ms of an ISO 8601 date or time (a date alone is its midnight UTC), or undefined. */
export function toEpochTime(value: string): number | undefined {
  const at = /^\d{4}-\d{2}-\d{2}/.test(value.trim()) ? Date.parse(value.trim()) : NaN;
  return Number.isNaN(at) ? undefined : at;
}

export function parseTime(value: string): number {
  const at = toEpochTime(value);
  if (at === undefined) throw new InvalidArgumentError('expected an ISO 8601 date or time (2026-12-01T00:00:00Z).');
  return at;
}
