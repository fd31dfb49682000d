/**
 * A local file as hyparquet's AsyncBuffer: each slice is one positioned read of an open handle,
 * so only the footer and the column chunks asked for are ever in memory (hyparquet's own
 * asyncBufferFromFile opens a stream per slice and cannot be closed as one file). An object of a
 * store is one the same way, each slice a ranged request.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { AsyncBuffer } from 'hyparquet';

/** An open file as an AsyncBuffer; `close()` releases it. */
export async function openFileBuffer(file: string): Promise<AsyncBuffer & { close(): Promise<void> }> {
  const handle: FileHandle = await open(file, 'r');
  const { size } = await handle.stat();
  return {
    byteLength: size,
    async slice(start, end = size) {
      const bytes = new Uint8Array(Math.max(0, end - start));
      for (let at = 0; at < bytes.length;) {
        const { bytesRead } = await handle.read(bytes, at, bytes.length - at, start + at);
        if (bytesRead === 0) throw Object.assign(new Error('file shrank while read'), { code: 'EPARQUETSHORT' });
        at += bytesRead;
      }
      return bytes.buffer;
    },
    close: () => handle.close(),
  };
}

/** An object of `byteLength` bytes as an AsyncBuffer, each slice one ranged read `[start, end)`. */
export function createRangedBuffer(
  byteLength: number,
  range: (start: number, end: number) => Promise<Uint8Array>,
): AsyncBuffer {
  return {
    byteLength,
    async slice(start, end = byteLength) {
      const bytes = await range(start, end);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  };
}
