/**
 * S3 targets as given on the command line (`s3://bucket/prefix`): told apart from other targets
 * and parsed without loading the AWS SDK, which only a scan of a bucket needs.
 */
import { maskUrlCredentials } from '../../errors/url-credentials.js';
import type { SiteScope } from '../contract.js';
import { toPrefixScope } from '../object-store/scope.js';

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

/** Why an `s3://` target cannot be read as given, for a usage error. */
export function checkS3Url(target: string): string | undefined {
  if (!isS3Url(target)) return 'expected s3://bucket/prefix';
  if (/^s3:\/\/(?:\/|$)/i.test(target)) return 'name a bucket (s3://bucket/prefix)';
  if (/^s3:\/\/[^/]*@/i.test(target))
    return 'an s3:// URL takes no credentials (use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile)';
  return undefined;
}

/** A bucket prefix covers the groups of the keys under it (object-store/scope.ts). */
export function objectScope(target: string): SiteScope {
  const { bucket, prefix } = toS3Target(target);
  return toPrefixScope(`s3://${bucket}`, prefix);
}
