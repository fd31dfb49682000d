// How many worker threads `--jobs` gives a target's units: explicit counts as given; `auto` only
// for scans large enough to repay starting workers, and for a sink that asks, never for rows.
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Connector, WorkUnit } from '../../src/connectors/contract.js';
import type { SourceSettings } from '../../src/connectors/registry.js';
import { PARALLEL_BYTES, workerCount } from '../../src/runner/scan-target.js';

const connector = (threads: 'unit' | 'records') => ({ threads }) as Connector<WorkUnit, SourceSettings>;
const units = (size: WorkUnit['size'], n: number): WorkUnit[] =>
  Array.from({ length: n }, (_, i) => ({ id: `u${i}`, size }) as WorkUnit);
const sink = { module: 'locate', data: {} };
const cores = availableParallelism();

describe('worker threads for a target', () => {
  it('takes an explicit count as given, but sends no single unit whole to a worker', () => {
    expect(workerCount({ connector: connector('records'), jobs: 3 }, units({ rows: 10 }, 1))).toBe(3);
    expect(workerCount({ connector: connector('unit'), jobs: 3 }, units({ bytes: 10 }, 1))).toBe(1);
    expect(workerCount({ connector: connector('unit'), jobs: 3 }, units({ bytes: 10 }, 2))).toBe(3);
  });

  it('uses every core with auto only above the text or row thresholds', () => {
    const scan = { connector: connector('records'), jobs: 'auto' as const };
    expect(workerCount(scan, units({ bytes: PARALLEL_BYTES / 4 }, 4))).toBe(1);
    expect(workerCount(scan, units({ bytes: PARALLEL_BYTES / 4 }, 5))).toBe(cores);
    expect(workerCount(scan, units({ rows: 100_000 }, 2))).toBe(1);
    expect(workerCount(scan, units({ rows: 100_000 }, 3))).toBe(cores);
  });

  it('keeps rows on this thread with auto for a sink that asks, but not text', () => {
    const scan = {
      connector: connector('records'),
      jobs: 'auto' as const,
      workerSink: { ...sink, rowsOnWorkers: false },
    };
    expect(workerCount(scan, units({ rows: 1_000_000 }, 3))).toBe(1);
    expect(workerCount(scan, units({ bytes: PARALLEL_BYTES / 4 }, 5))).toBe(cores);
    expect(workerCount({ ...scan, jobs: 2 }, units({ rows: 1_000_000 }, 3))).toBe(2);
    expect(workerCount({ ...scan, workerSink: sink }, units({ rows: 1_000_000 }, 3))).toBe(cores);
  });
});
