// The worker pool keeps working when one of its workers dies.
import { describe, expect, it } from 'vitest';
import { createWorkerPool } from '../../src/runner/worker-pool.js';
import type { SourceSettings } from '../../src/connectors/registry.js';
import { makeTree } from '../helpers.js';
import { columnOrigin, DEFAULT_SETTINGS, fileOrigin } from '../scan-inputs.js';

/** Only what a file unit needs; the other sources are not asked. */
const SOURCES = { files: { cwd: '/', exclude: [] } } as unknown as SourceSettings;

describe('worker pool', () => {
  it('gives no more work to a worker that died, and starts another for the next task', async () => {
    const dir = makeTree({ 'app.log': 'signup for ann@example.com\n' });
    const origin = fileOrigin(dir, 'app.log', { service: 'app', target: dir });
    const unit = {
      id: 'files:app.log',
      connector: 'files',
      target: dir,
      source: 'app.log',
      size: { bytes: 27 },
      origin,
    };
    const pool = createWorkerPool({ settings: DEFAULT_SETTINGS, sources: SOURCES }, 1);
    try {
      // A unit of a source the worker does not have throws outside any unit's error handling: the worker dies.
      await expect(pool.run({ ...unit, connector: 'no-such-source' })).rejects.toThrow();
      const result = await pool.run(unit);
      expect(result.findings.map((f) => f.detector)).toEqual(['email']);
      expect(result.result).toMatchObject({ files: 1, lines: 1, errors: [] });
    } finally {
      await pool.close();
    }
  });
});

// A table read for a worker: columns named for a PII kind go to the worker, the others are scanned
// on the reading thread, and end() gives both sides' findings and allow-rule counts.
describe('a table split between the reading thread and a worker', () => {
  it('sends each column one way and merges what both sides found', async () => {
    const { splitSink } = await import('../../src/runner/split-sink.js');
    const { createRecordScanner } = await import('../../src/sites/record-scanner.js');
    const { toValuesRecord } = await import('../../src/connectors/values-record.js');
    const settings = { ...DEFAULT_SETTINGS, allowValues: [{ rule: 0, pattern: 'qa@example\\.com' }] };
    const origin = columnOrigin;
    const pool = createWorkerPool({ settings, sources: SOURCES }, 1);
    try {
      const local = createRecordScanner(settings)();
      const sink = splitSink(await pool.stream(), local, (hint) => hint === 'email');
      sink.scan(toValuesRecord(origin('email'), ['ann@example.com', 'qa@example.com'], [1, 2], 'email'));
      sink.scan(toValuesRecord(origin('notes'), ['call ann@example.com', 'qa@example.com wrote'], [1, 2], 'notes'));
      const { findings, valueHits } = await sink.end();
      expect(findings.map((f) => [f.site.uri, f.count])).toEqual([
        ['postgres://h/db/t.email', 1],
        ['postgres://h/db/t.notes', 1],
      ]);
      // The notes column was scanned here, the email column on the worker; one allowed value on each side.
      expect(local.findings().map((f) => f.site.uri)).toEqual(['postgres://h/db/t.notes']);
      expect(valueHits).toEqual({ 0: 2 });
    } finally {
      await pool.close();
    }
  });
});
