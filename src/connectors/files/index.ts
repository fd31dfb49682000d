/**
 * Files and folders: every target no other source claims. plan() walks the target (files.ts:
 * stable order, symlinks, pseudo file systems, exclusions) into one unit per file; read() reads
 * one file as lines, or as columns when it is CSV or TSV.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { emptyResult, type Connector } from '../contract.js';
import { listFiles, type ListOptions } from './list.js';
import { readFile, type FileUnit } from './read.js';
import { fileScope } from './scope.js';
import type { RowSample } from '../parquet/row-ranges.js';
import { toRangeId } from '../byte-ranges.js';
import { toFileRanges } from './ranges.js';

/** How files are found: the folder shown paths are relative to, URIs' root, exclusions. */
export type FileOptions = ListOptions;

export const files: Connector<FileUnit, { files: FileOptions; database: RowSample; splitBytes?: number }> = {
  name: 'files',
  claims: () => true,
  display: (target) => target,
  async *plan(target, { files: options, splitBytes }) {
    const listing = await listFiles([target], options);
    for (const { origin, textBytes } of listing.files) {
      const unit = { id: `files:${origin.path}`, connector: 'files', target, source: origin.path, origin };
      const ranges = await toFileRanges(origin, { textBytes, splitBytes });
      if (ranges.length === 0) yield { ...unit, size: { bytes: textBytes } };
      for (const range of ranges)
        yield { ...unit, id: unit.id + toRangeId(range), size: { bytes: range.end - range.start }, range };
    }
    // A file named as the target was looked at even when it was skipped (binary, excluded): a
    // hook that passes staged files never fails on an image.
    const named = await stat(path.resolve(options.cwd, target)).then(
      (s) => s.isFile(),
      () => false,
    );
    return { ...emptyResult(), skipped: listing.skipped, errors: listing.errors, read: named };
  },
  read: (unit, sink, { database }, onRead) => readFile(unit, sink, database, onRead),
  threads: 'unit',
  lanes: () => 1,
  nothingRead: 'nothing to read: no text file in it was scanned (empty, excluded, binary or skipped)',
  units: 'files',
  schemes: [],
  scope: fileScope,
};
