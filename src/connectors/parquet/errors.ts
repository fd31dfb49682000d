/** One line for a Parquet file hyparquet cannot read (not Parquet, truncated, an unknown codec). */

/** The line for a decoding failure, or undefined for any other error (I/O, access), which its source describes. */
export function describeParquetError(error: unknown): string | undefined {
  const message = error instanceof Error && !('code' in error) ? error.message : '';
  if (!/^(?:parquet|thrift|snappy|invalid|unsupported|zstd|brotli|lz4|gzip)\b/i.test(message)) return undefined;
  return `not a readable Parquet file: ${message.split('\n')[0]!.trim()}`;
}
