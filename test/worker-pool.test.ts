// The worker pool keeps working when one of its workers dies.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkerPool, type WorkerTask } from '../src/scan/worker-pool.js';
import type { ScanSettings } from '../src/scan/settings.js';
import { makeTree } from './helpers.js';

const SETTINGS: ScanSettings = { detectorIds: [], minConfidence: 0.5, maxLocations: 5, showValues: false, serviceField: 'service', services: [], allowValues: [] };

describe('worker pool', () => {
  it('gives no more work to a worker that died, and starts another for the next task', async () => {
    const dir = makeTree({ 'app.log': 'signup for ann@example.com\n' });
    const origin = { siteKind: 'file' as const, path: 'app.log', source: path.join(dir, 'app.log'), uri: 'file://app.log', siteUri: 'file://app.log*', defaultService: 'app', target: dir };
    const pool = createWorkerPool(SETTINGS, 1);
    try {
      // A table's end with no table open throws in the worker, outside any task's error handling: the worker dies.
      await expect(pool.run({ kind: 'end' } as unknown as WorkerTask)).rejects.toThrow();
      const result = await pool.run({ kind: 'file', origin });
      expect(result.findings.map((f) => f.detector)).toEqual(['email']);
    } finally {
      await pool.close();
    }
  });
});
