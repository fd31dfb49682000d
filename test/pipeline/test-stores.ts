// The policy, declaration and retention tests' servers: a fresh PostgreSQL database, and s3rver
// with the AWS SDK's credentials in the environment while a suite runs (on test/helpers.ts and
// test/s3-server.ts).
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { databaseUrl, dropDatabase, freshDatabase } from '../helpers.js';
import { fillBucket, useS3rverEnv } from '../s3-server.js';

export { databaseUrl };

/** Creates database `db` afresh before the suite, fills it with `fill`, and drops it after. */
export function useDatabase(base: string | undefined, db: string, fill: (client: pg.Client) => Promise<void>): void {
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: await freshDatabase(base!, db) });
    await client.connect();
    try {
      await fill(client);
    } finally {
      await client.end();
    }
  });
  afterAll(() => dropDatabase(base!, db));
}

/** Creates `bucket` and puts `objects` (key → body) before the suite, with the SDK's credentials set. */
export function useBucket(endpoint: string | undefined, bucket: string, objects: () => Record<string, string>): void {
  useS3rverEnv();
  beforeAll(() => fillBucket(endpoint!, bucket, objects()));
}
