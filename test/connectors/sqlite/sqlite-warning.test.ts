// Loading node:sqlite prints nothing: Node 22's ExperimentalWarning for it is dropped, every other
// warning still goes through. (Node 24 and 26 do not warn: there the child's stderr is empty anyway.)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSqliteWarning } from '../../../src/connectors/sqlite/load.js';
import { ROOT } from './sqlite-fixture.js';

describe('node:sqlite experimental warning', () => {
  it('is recognised in each form process.emitWarning takes, and nothing else is', () => {
    const message = 'SQLite is an experimental feature and might change at any time';
    expect(isSqliteWarning(message, 'ExperimentalWarning')).toBe(true);
    expect(isSqliteWarning(message, { type: 'ExperimentalWarning' })).toBe(true);
    expect(isSqliteWarning(Object.assign(new Error(message), { name: 'ExperimentalWarning' }), undefined)).toBe(true);
    expect(isSqliteWarning('WASI is an experimental feature and might change at any time', 'ExperimentalWarning')).toBe(
      false,
    );
    expect(isSqliteWarning(message, 'DeprecationWarning')).toBe(false);
    expect(isSqliteWarning(message, undefined)).toBe(false);
  });

  it('is not printed when the driver loads node:sqlite, while other warnings are', () => {
    const script = `const { loadSqlite } = await import(${JSON.stringify(path.join(ROOT, 'dist/src/connectors/sqlite/load.js'))});
      const { DatabaseSync } = await loadSqlite();
      new DatabaseSync(':memory:').close();
      process.emitWarning('another warning', 'ExperimentalWarning');`;
    const { stderr, status } = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(status).toBe(0);
    expect(stderr).not.toMatch(/SQLite/);
    expect(stderr).toMatch(/ExperimentalWarning: another warning/);
  });
});
