/**
 * S3 and S3-compatible stores (MinIO, Ceph), read only: ListObjectsV2 page by page, GetObject as a
 * stream. Credentials and region come from the AWS SDK's default chain (environment, shared config
 * and `--profile`, SSO, instance roles); an endpoint URL switches to path-style addressing.
 */
import { GetObjectCommand, paginateListObjectsV2, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { describeNetworkError } from '../../errors/network-errors.js';
import { describeUnexpectedError } from '../../errors/unexpected-error.js';
import type { S3Target } from './target.js';

/** Where and as whom to connect; every field is optional and falls back to the SDK's chain. */
export interface S3ConnectOptions {
  /** S3-compatible endpoint (`http://127.0.0.1:9000`); implies path-style unless told otherwise. */
  endpoint?: string;
  region?: string;
  /** Shared config profile (`~/.aws/config`). */
  profile?: string;
  forcePathStyle?: boolean;
  /** Attempts per request, with the SDK's backoff (throttling, 5xx). */
  maxAttempts?: number;
}

export function createS3Client(options: S3ConnectOptions): S3Client {
  const config: S3ClientConfig = {
    // Checksums only where S3 requires them: S3-compatible stores mishandle the newer defaults,
    // and validating every object's checksum while scanning costs CPU for nothing.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: options.maxAttempts ?? 5,
    // A server that accepts and then goes quiet fails the request instead of hanging the scan
    // (requestTimeout is socket inactivity, so long streams are fine).
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
  };
  if (options.endpoint) {
    config.endpoint = options.endpoint;
    config.forcePathStyle = options.forcePathStyle ?? true;
  } else if (options.forcePathStyle !== undefined) {
    config.forcePathStyle = options.forcePathStyle;
  }
  // A custom endpoint has no region of its own; S3 itself needs one for signing.
  const region =
    options.region ??
    process.env['AWS_REGION'] ??
    process.env['AWS_DEFAULT_REGION'] ??
    (options.endpoint ? 'us-east-1' : undefined);
  if (region) config.region = region;
  if (options.profile) config.profile = options.profile;
  return new S3Client(config);
}

/** A listed object, as much as the scan needs. */
export interface S3Object {
  key: string;
  size: number;
  storageClass: string;
  /** The listing's LastModified (ISO 8601). */
  modifiedAt?: string;
}

/** Every object under the prefix, page by page (ListObjectsV2 continuation tokens). */
export async function* listObjects(client: S3Client, target: S3Target, pageSize = 1000): AsyncGenerator<S3Object> {
  const pages = paginateListObjectsV2(
    { client, pageSize },
    { Bucket: target.bucket, Prefix: target.prefix || undefined },
  );
  for await (const page of pages) {
    for (const o of page.Contents ?? []) {
      if (o.Key === undefined) continue;
      yield {
        key: o.Key,
        size: o.Size ?? 0,
        storageClass: o.StorageClass ?? 'STANDARD',
        ...(o.LastModified ? { modifiedAt: o.LastModified.toISOString() } : {}),
      };
    }
  }
}

/** An object's bytes as a stream; never buffered whole. */
export async function getObjectStream(
  client: S3Client,
  bucket: string,
  key: string,
  range?: { start: number; end?: number | undefined },
): Promise<{ body: AsyncIterable<Uint8Array>; contentType: string }> {
  // A ranged GET of bytes [start, end), or from start to the object's end.
  const Range = range && `bytes=${range.start}-${range.end === undefined ? '' : range.end - 1}`;
  const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(Range ? { Range } : {}) }));
  if (response.Body === undefined) throw Object.assign(new Error('empty response'), { name: 'EmptyBody' });
  return { body: response.Body as AsyncIterable<Uint8Array>, contentType: response.ContentType ?? '' };
}

/** Bytes [start, end) of an object, one ranged GET (a Parquet footer or column chunk). */
export async function getObjectRange(
  client: S3Client,
  object: { bucket: string; key: string },
  start: number,
  end: number,
): Promise<Uint8Array> {
  if (end <= start) return new Uint8Array(0);
  const response = await client.send(
    new GetObjectCommand({ Bucket: object.bucket, Key: object.key, Range: `bytes=${start}-${end - 1}` }),
  );
  if (response.Body === undefined) throw Object.assign(new Error('empty response'), { name: 'EmptyBody' });
  return response.Body.transformToByteArray();
}

/** Storage classes whose objects need a restore before they can be read. */
export const ARCHIVED_CLASSES = new Set(['GLACIER', 'DEEP_ARCHIVE']);

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const CREDENTIALS_HELP =
  'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile, or run `aws sso login`';

/** One line for an S3 failure; `where` is the bucket or the object. */
export function describeS3Error(error: unknown, where: string, endpoint?: string): string {
  const e = (error ?? {}) as SdkError;
  const name = e.name ?? '';
  const network = describeNetworkError(error, endpoint ?? 'the S3 endpoint');
  if (network) return network;
  switch (name) {
    case 'NoSuchBucket':
      return `no such bucket: ${where}`;
    case 'NoSuchKey':
      return `${where} no longer exists (deleted after it was listed)`;
    case 'AccessDenied':
    case 'AllAccessDisabled':
      return `access denied to ${where}: the credentials lack s3:ListBucket or s3:GetObject`;
    case 'InvalidAccessKeyId':
      return `access denied: the access key is not known to ${endpoint ?? 'S3'} (${CREDENTIALS_HELP})`;
    case 'SignatureDoesNotMatch':
      return `access denied: the secret key does not match the access key (${CREDENTIALS_HELP})`;
    case 'ExpiredToken':
    case 'TokenRefreshRequired':
    case 'ExpiredTokenException':
      return `the AWS credentials have expired: refresh them (${CREDENTIALS_HELP})`;
    case 'CredentialsProviderError':
      return `no AWS credentials found: ${CREDENTIALS_HELP}`;
    case 'SlowDown':
    case 'ThrottlingException':
    case 'RequestLimitExceeded':
      return `S3 kept throttling requests for ${where} after retries with backoff: try a lower --concurrency`;
    case 'InvalidObjectState':
      return `${where} is archived (Glacier): restore it before scanning`;
    case 'PermanentRedirect':
    case 'AuthorizationHeaderMalformed':
      return `${where} is in another region: set --region or AWS_REGION to the bucket's region`;
    default:
      break;
  }
  if (/region is missing/i.test(e.message ?? '')) return 'no AWS region: set AWS_REGION or --region';
  if (e.code === 'Z_BUF_ERROR' || e.code === 'Z_DATA_ERROR')
    return `${where}: corrupt or truncated gzip data (${e.message})`;
  const status = e.$metadata?.httpStatusCode;
  if (status === 403) return `access denied to ${where}`;
  if (status === 404) return `${where} not found`;
  return `${where}: ${describeUnexpectedError(error)}`;
}
