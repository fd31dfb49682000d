/** The file a report or baseline is written to: checked before the scan, written after it. */
import { constants } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError } from '../errors/fs-errors.js';
import { UserError } from '../errors/user-error.js';
import type { RunIO } from './main.js';

/** Writes `text` to `file` (relative to the working folder) or throws a one-line UserError. */
export async function writeOutput(file: string, text: string, io: RunIO): Promise<void> {
  await writeOutputPieces(file, [text], io);
}

/**
 * Writes text given in pieces to `file`, 64 KiB or so at a time, or throws a one-line
 * UserError: a report of many subjects is never held whole.
 */
export async function writeOutputPieces(file: string, pieces: Iterable<string>, io: RunIO): Promise<void> {
  const fail = (error: unknown) => {
    throw new UserError(`cannot write ${file}: ${describeFsError(error)}`);
  };
  const handle = await open(path.resolve(io.cwd, file), 'w').catch(fail);
  try {
    let batch = '';
    for (const piece of pieces) {
      batch += piece;
      if (batch.length >= 1 << 16) {
        await handle.write(batch).catch(fail);
        batch = '';
      }
    }
    await handle.write(batch).catch(fail);
  } finally {
    await handle.close();
  }
}

/**
 * Checks, before anything is scanned, that `file` can be written: its folder exists, it is not a
 * folder itself, and it (or, for a new file, its folder) is writable. A long scan never ends in
 * "cannot write"; writeOutput still names what fails at the end (a full disk).
 */
export async function checkOutput(file: string, io: RunIO): Promise<void> {
  const absolute = path.resolve(io.cwd, file);
  const fail = (why: string) => new UserError(`cannot write ${file}: ${why}`);
  const info = await stat(absolute).catch(() => undefined);
  if (info?.isDirectory()) throw fail('is a folder');
  if (info === undefined) {
    const folder = await stat(path.dirname(absolute)).catch((error: unknown) => {
      throw fail(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? `the folder ${path.dirname(file) || '.'} does not exist`
          : describeFsError(error),
      );
    });
    if (!folder.isDirectory()) throw fail(`${path.dirname(file)} is not a folder`);
  }
  await access(info === undefined ? path.dirname(absolute) : absolute, constants.W_OK).catch((error: unknown) => {
    throw fail(describeFsError(error));
  });
}
