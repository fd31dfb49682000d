// Dates that age stored data: line timestamps in the formats loggers write, dates in paths and
// keys, and what must not pass for a line's date (a birth date in the message).
import { describe, expect, it } from 'vitest';
import { daysBetween, toLineDate, toPathDate } from '../../src/engine/dates.js';
import { toLimitDays } from '../../src/pipeline/retention/limit.js';

const at = (iso: string) => Date.parse(iso);

describe('line timestamps', () => {
  it.each([
    ['2026-11-01T10:00:00Z INFO login', '2026-11-01T10:00:00Z'],
    ['2026-11-01 10:00:00,123 INFO [main] x', '2026-11-01T10:00:00Z'],
    ['[2026-11-01T12:00:00+02:00] app.INFO: x', '2026-11-01T10:00:00Z'],
    ['10.0.0.1 - - [01/Nov/2026:10:00:00 +0100] "GET / HTTP/1.1" 200', '2026-11-01T09:00:00Z'],
    ['{"level":"info","ts":"2026-11-01T10:00:00.5Z","msg":"x"}', '2026-11-01T10:00:00Z'],
    ['{"level":"info","ts":1793527200.25,"msg":"x"}', '2026-11-01T10:00:00Z'],
    ['{"@timestamp":"2026-11-01","message":"x"}', '2026-11-01T00:00:00Z'],
  ])('%s', (line, expected) => {
    expect(Math.floor(toLineDate(line)! / 1000) * 1000).toBe(at(expected));
  });

  it.each([
    ['INFO signup dob=1980-01-02 for a***@example.com', 'a date without its time is no timestamp'],
    [`INFO ${'x'.repeat(80)} 2026-11-01T10:00:00Z`, 'far from the line start: a value, not its timestamp'],
    ['{"msg":"born 1980-01-02T00:00:00Z"}', 'in a JSON line, only a timestamp key counts'],
    ['Nov  1 10:00:00 host app: x', 'no year: the file dates it'],
    ['2026-02-31T10:00:00Z INFO x', 'not a calendar date'],
  ])('%s: none (%s)', (line) => {
    expect(toLineDate(line)).toBeUndefined();
  });
});

describe('path dates', () => {
  it.each([
    ['s3://lake/bronze/events/dt=2026-11-01/part-0.json', '2026-11-01'],
    ['s3://lake/bronze/events/date=20261101/part-0.json', '2026-11-01'],
    ['s3://lake/logs/2026/11/01/app.log', '2026-11-01'],
    ['s3://lake/t/year=2026/month=11/day=1/x.parquet', '2026-11-01'],
    ['file://logs/orders/app-2026-10-30.log.gz', '2026-10-30'],
    ['s3://lake/archive/2020-01-01/dt=2026-11-01/x.json', '2026-11-01'],
  ])('%s', (uri, expected) => {
    expect(toPathDate(uri)).toBe(at(`${expected}T00:00:00Z`));
  });

  it('none in a path without a date, nor a number that is not one', () => {
    expect(toPathDate('file://logs/orders/app.log.1')).toBeUndefined();
    expect(toPathDate('s3://lake/ids/20261399/x.json')).toBeUndefined();
  });

  it('counts whole days', () => {
    expect(daysBetween(at('2026-11-01T10:00:00Z'), at('2026-12-01T09:59:59Z'))).toBe(29);
    expect(daysBetween(at('2026-11-01T10:00:00Z'), at('2026-12-01T10:00:00Z'))).toBe(30);
  });
});

describe('retention limits', () => {
  it.each([
    ['30d', 30],
    ['2w', 14],
    ['6m', 180],
    ['1y', 365],
    ['365 days', 365],
    [30, 30],
    ['P1Y', 365],
    ['P30D', 30],
  ] as const)('%s is %d days', (limit, days) => {
    expect(toLimitDays(limit)).toBe(days);
  });

  it.each(['thirty days', '30x', 'P', '-3d', ''])('%s is no limit', (limit) => {
    expect(toLimitDays(limit)).toBeUndefined();
  });
});
