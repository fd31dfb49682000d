/** Reads one S3 object through the shared object reader: GetObject as a stream, or ranged GETs (Parquet). */
import type { S3Client } from '@aws-sdk/client-s3';
import type { RecordSink, SourceResult } from '../contract.js';
import { describeS3Error, getObjectRange, getObjectStream } from './client.js';
import { readStoredObject } from '../object-store/read.js';
import type { RowSample } from '../parquet/row-ranges.js';
import type { ObjectUnit } from './plan.js';

/** Reads one object with the client given; `where` names the store in messages. */
export function readObject(
  client: S3Client,
  unit: ObjectUnit,
  sink: RecordSink,
  context: { where: string; sample: RowSample },
): Promise<SourceResult> {
  const access = {
    root: `s3://${unit.bucket}`,
    container: unit.bucket,
    open: () => getObjectStream(client, unit.bucket, unit.key),
    range: (start: number, end: number) => getObjectRange(client, unit, start, end),
    openRange: (start: number, end?: number) => getObjectStream(client, unit.bucket, unit.key, { start, end }),
    describeError: (error: unknown) => describeS3Error(error, unit.source, context.where),
  };
  return readStoredObject(unit, sink, { access, sample: context.sample });
}
