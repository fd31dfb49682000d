/**
 * Subjects from the command line (`--subject email=jane@example.com`, repeated; one subject of all
 * of them) and from a CSV file (`--subjects FILE`: a column per identifier kind, `email`, `phone`
 * or a detector id, and an optional `ref`). Errors name the option, the line and the column, never
 * a value.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { readCsv } from '../connectors/csv-reader.js';
import { detectors } from '../../detectors/index.js';
import { describeFsError } from '../errors/fs-errors.js';
import { UserError } from '../errors/user-error.js';
import type { Identifier, Subject } from './subject.js';

/** Identifier kinds: every detector's id (`email`, `phone` among them). */
export const IDENTIFIER_KINDS = detectors.filter((d) => d.id !== 'secret').map((d) => d.id);

function checkKind(kind: string, where: string): void {
  if (!IDENTIFIER_KINDS.includes(kind))
    throw new UserError(`${where}: unknown identifier kind "${kind}" (one of: ref, ${IDENTIFIER_KINDS.join(', ')})`);
}

/** `kind=value` pairs of `--subject`, as one subject. */
export function parseSubjectOptions(given: readonly string[]): Subject | undefined {
  if (given.length === 0) return undefined;
  const identifiers: Identifier[] = [];
  let ref: string | undefined;
  given.forEach((pair, i) => {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1)
      throw new UserError(`--subject ${i + 1}: expected kind=value (email=..., phone=..., ref=...)`);
    const kind = pair.slice(0, eq).trim();
    if (kind === 'ref') return void (ref = pair.slice(eq + 1));
    checkKind(kind, `--subject ${i + 1}`);
    identifiers.push({ kind, value: pair.slice(eq + 1) });
  });
  if (identifiers.length === 0) throw new UserError('--subject: give at least one identifier (email=..., phone=...)');
  return { ...(ref !== undefined ? { ref } : {}), identifiers };
}

/**
 * Subjects of a CSV file, one a row, each given to `add` as it is read (a hundred thousand are not
 * held as objects); rows with no identifier are skipped. Returns how many were read.
 */
export async function readSubjectsFile(file: string, cwd: string, add: (subject: Subject) => void): Promise<number> {
  let count = 0;
  let columns: string[] = [];
  let current: Subject = { identifiers: [] };
  const shown = `--subjects ${file}`;
  try {
    await readCsv(createReadStream(path.resolve(cwd, file)), file.endsWith('.tsv') ? '\t' : ',', {
      header(names) {
        columns = names.map((n) => n.trim().toLowerCase());
        columns.forEach((c, i) => (c === 'ref' ? undefined : checkKind(c, `${shown}: column ${i + 1}`)));
      },
      field(column, src, start, end) {
        const name = columns[column];
        const value = src.toString('utf8', start, end).trim();
        if (name === undefined || value === '') return;
        if (name === 'ref') current.ref = value;
        else current.identifiers.push({ kind: name, value });
      },
      endRecord() {
        if (current.identifiers.length > 0) {
          add(current);
          count++;
        }
        current = { identifiers: [] };
      },
    });
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${shown}: ${code ? describeFsError(error) : 'not a CSV file'}`);
  }
  if (count === 0) throw new UserError(`${shown}: no subject (a header row of identifier kinds, then one row each)`);
  return count;
}
