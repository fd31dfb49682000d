/**
 * A target's connections: the first made by plan(), more by read() up to `concurrency`, each lent
 * to one table at a time.
 */
import type { DatabaseDriver } from './driver.js';

/** A target's open connections, and the tables waiting for one. */
export interface Session {
  /** Opens another connection, or rejects. */
  connect(): Promise<DatabaseDriver>;
  concurrency: number;
  drivers: DatabaseDriver[];
  idle: DatabaseDriver[];
  waiting: Array<(driver: DatabaseDriver) => void>;
}

export async function acquire(session: Session): Promise<DatabaseDriver> {
  const driver = session.idle.pop();
  if (driver !== undefined) return driver;
  if (session.drivers.length < session.concurrency) {
    // Another connection when the server gives one; else the table waits for one already open.
    const more = await session.connect().catch(() => undefined);
    if (more !== undefined) return (void session.drivers.push(more), more);
  }
  return new Promise((resolve) => session.waiting.push(resolve));
}

export function release(session: Session, driver: DatabaseDriver): void {
  const next = session.waiting.shift();
  if (next !== undefined) next(driver);
  else session.idle.push(driver);
}
