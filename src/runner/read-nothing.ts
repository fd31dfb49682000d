/**
 * A target that gave nothing to read (an empty or wholly skipped folder, a database whose tables
 * the scanning user cannot see, a prefix with no object read) is an error of its own, so a scan
 * that read nothing never passes. A target that already has an error needs no second line, and a
 * file named as a target was read even when it turned out binary.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Coverage, SourceError } from '../types.js';
import { isDatabaseUrl, toDatabaseTarget } from '../connectors/database/target.js';
import { isS3Url, toS3Target } from '../connectors/s3/target.js';
import { toShownPath } from '../connectors/file-group.js';

const WHY = {
  files: 'nothing to read: no text file in it was scanned (empty, excluded, binary or skipped)',
  database: 'nothing to read: no table the scanning user can see was read (check its grants, --include and --exclude)',
  bucket: 'nothing to read: no object under it was read (no objects, or every one skipped)',
};

/** A file given by name was looked at even when it was skipped (binary, excluded): a hook that passes staged files never fails on an image. */
function isFile(absolute: string): boolean {
  return statSync(absolute, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** Adds an error for each target that read nothing and has no error yet; `cwd` shows file targets as their errors do. */
export function addNothingRead(targets: readonly string[], coverage: Coverage, errors: SourceError[], cwd: string): void {
  for (const target of targets) {
    if (isDatabaseUrl(target)) {
      const { display } = toDatabaseTarget(target);
      const read = coverage.tables.some((t) => t.source === display);
      if (!read && !errors.some((e) => e.source.startsWith(display))) errors.push({ source: display, message: WHY.database });
    } else if (isS3Url(target)) {
      const { display } = toS3Target(target);
      const read = coverage.objects.some((o) => o.source === display && o.objectsScanned > 0);
      if (!read && !errors.some((e) => e.source.startsWith(`s3://${toS3Target(target).bucket}`))) errors.push({ source: display, message: WHY.bucket });
    } else if (!isFile(path.resolve(cwd, target))) {
      const read = coverage.sources.some((s) => s.target === target && s.files > 0);
      const shown = toShownPath(target, cwd);
      const whole = path.resolve(cwd, target) === path.resolve(cwd);
      const owns = (source: string) => whole || source === target || source === shown || source.startsWith(`${shown}/`);
      if (!read && !errors.some((e) => owns(e.source))) errors.push({ source: target, message: WHY.files });
    }
  }
}
