// The policy, declaration and retention tests' servers: a fresh PostgreSQL database, and s3rver
// with the AWS SDK's credentials in the environment while a suite runs.
import pg from 'pg';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll } from 'vitest';

/** The server's URL with another database. */
export function databaseUrl(base: string, db: string): string {
  return Object.assign(new URL(base), { pathname: `/${db}` }).toString();
}

async function onAdmin(base: string, ...sql: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  for (const statement of sql) await admin.query(statement);
  await admin.end();
}

/**
 * Creates database `db` afresh before the suite, fills it with `fill`, and drops it after.
 */
export function useDatabase(base: string | undefined, db: string, fill: (client: pg.Client) => Promise<void>): void {
  beforeAll(async () => {
    await onAdmin(base!, `DROP DATABASE IF EXISTS ${db}`, `CREATE DATABASE ${db}`);
    const client = new pg.Client({ connectionString: databaseUrl(base!, db) });
    await client.connect();
    await fill(client);
    await client.end();
  });
  afterAll(() => onAdmin(base!, `DROP DATABASE IF EXISTS ${db}`));
}

/** Creates `bucket` and puts `objects` (key → body) before the suite, with the SDK's credentials set. */
export function useBucket(endpoint: string | undefined, bucket: string, objects: () => Record<string, string>): void {
  // The AWS SDK reads its credentials from the process's environment.
  const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  beforeAll(async () => {
    Object.assign(process.env, env);
    const s3 = new S3Client({
      endpoint: endpoint!,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => undefined);
    for (const [Key, Body] of Object.entries(objects()))
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body }));
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}
