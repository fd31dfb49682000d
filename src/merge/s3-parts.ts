/**
 * The parts of a sharded scan in S3 (`piiscan merge s3://bucket/prefix`): every `.json` object
 * under the prefix, in key order, each read when the merge comes to it. The AWS SDK is loaded only
 * for such a merge.
 */
import { UserError } from '../errors/user-error.js';
import { parseReport } from '../report/load-report.js';
import type { S3ConnectOptions } from '../connectors/s3/client.js';
import { toS3Target } from '../connectors/s3/target.js';
import type { PartSource } from './merge-parts.js';

export async function listS3Parts(uri: string, options: S3ConnectOptions): Promise<PartSource[]> {
  const { createS3Client, describeS3Error, getObjectStream, listObjects } = await import('../connectors/s3/client.js');
  const { toBuffers } = await import('../connectors/object-store/ranges.js');
  const target = toS3Target(uri);
  const client = createS3Client(options);
  const fail = (error: unknown, where: string) => new UserError(describeS3Error(error, where, options.endpoint));
  const keys: string[] = [];
  try {
    for await (const object of listObjects(client, target)) if (object.key.endsWith('.json')) keys.push(object.key);
  } catch (error) {
    throw fail(error, target.display);
  }
  if (keys.length === 0) throw new UserError(`${target.display}: no part (.json object) under it`);
  return keys.sort().map((key) => {
    const name = `s3://${target.bucket}/${key}`;
    return {
      name,
      async read() {
        const pieces: Buffer[] = [];
        try {
          for await (const piece of toBuffers((await getObjectStream(client, target.bucket, key)).body))
            pieces.push(piece);
        } catch (error) {
          throw fail(error, name);
        }
        return parseReport(Buffer.concat(pieces).toString('utf8'), name);
      },
    };
  });
}
