// A large SQLite table is streamed: rows reach the sink as they are read, and the driver waits
// whenever the sink asks it to, so the rows in memory stay bounded by the scan, not the table.
import { describe, expect, it } from 'vitest';
import { connectSqlite } from '../../../src/connectors/sqlite/sqlite.js';
import { makeDatabase, PLAN, recordingSink } from './sqlite-fixture.js';

const ROWS = 200_000;
const BATCH = 5_000;

describe('sqlite streaming', () => {
  it('hands rows over batch by batch and reads nothing while the sink waits', async () => {
    const { file } = makeDatabase(`CREATE TABLE events (id INTEGER PRIMARY KEY, line TEXT);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
      INSERT INTO events SELECT i, 'event ' || i FROM n;`);
    const driver = await connectSqlite({ path: file, display: 'sqlite:app.db' }, PLAN);
    let waiting = false;
    let readWhileWaiting = 0;
    const waitedAt: number[] = [];
    const sink = recordingSink((rows) => {
      if (rows % BATCH !== 0) return undefined;
      waitedAt.push(rows);
      // The batch so far is handed on and dropped; the next is read once the scan is done with it.
      sink.rows.length = 0;
      waiting = true;
      return new Promise((resolve) => setImmediate(() => resolve(void (waiting = false))));
    });
    const text = sink.text.bind(sink);
    sink.text = (i, value) => {
      if (waiting) readWhileWaiting++;
      text(i, value);
    };
    const [table] = await driver.listTables();
    const method = await driver.readTable(table!, { ...PLAN, full: true }, sink);
    await driver.close();
    expect(method).toMatchObject({ sampled: false, rowsEstimated: ROWS });
    expect(waitedAt).toHaveLength(ROWS / BATCH);
    expect(waitedAt.every((rows) => rows === BATCH)).toBe(true);
    expect(readWhileWaiting).toBe(0);
  });
});
