/**
 * S3 targets as given on the command line (`s3://bucket/prefix`): told apart from other targets
 * and parsed without loading the AWS SDK, which only a scan of a bucket needs.
 */
import { maskUrlCredentials } from '../../errors/url-credentials.js';

export interface S3Target {
  bucket: string;
  /** Key prefix under the bucket ('' for the whole bucket). */
  prefix: string;
  /** `s3://bucket/prefix` as given, any user part shown as `***`. */
  display: string;
}

export function isS3Url(target: string): boolean {
  return /^s3:\/\//i.test(target);
}

export function toS3Target(url: string): S3Target {
  const rest = url.replace(/^s3:\/\//i, '');
  const slash = rest.indexOf('/');
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  return { bucket, prefix: slash === -1 ? '' : rest.slice(slash + 1), display: maskUrlCredentials(url) };
}
