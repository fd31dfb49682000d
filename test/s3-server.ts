// The test S3 server (s3rver, test/servers/s3.sh): its credentials in the environment, where the
// AWS SDK and so piiscan read them, and a bucket filled with objects.
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll } from 'vitest';
import { withEnv } from './helpers.js';

/** s3rver's fixed credentials and the region the tests sign for. */
export const S3RVER_ENV = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };

/** Sets S3RVER_ENV (and no shared-config profile) for the tests of the calling describe block. */
export function useS3rverEnv(): void {
  let restore = () => undefined as void;
  beforeAll(() => {
    restore = withEnv({ ...S3RVER_ENV, AWS_PROFILE: undefined });
  });
  afterAll(() => restore());
}

/** Creates `bucket` on the test server at `endpoint`, unless it is there, and puts `objects` (key → body) in it. */
export async function fillBucket(endpoint: string, bucket: string, objects: Record<string, string>): Promise<void> {
  const client = new S3Client({
    endpoint,
    region: S3RVER_ENV.AWS_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: S3RVER_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: S3RVER_ENV.AWS_SECRET_ACCESS_KEY },
    // As piiscan's own client (src/connectors/s3/client.ts): checksums only where S3 requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => undefined);
    for (const [Key, Body] of Object.entries(objects))
      await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body }));
  } finally {
    client.destroy();
  }
}
