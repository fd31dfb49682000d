/** Reads a saved JSON report for `piiscan report` and `piiscan explain`. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors/user-error.js';
import { describeFsError } from '../errors/fs-errors.js';
import { SCHEMA_VERSION, type Report } from './report.js';

export async function loadReport(file: string, cwd: string): Promise<Report> {
  const text = await readFile(path.resolve(cwd, file), 'utf8').catch((error: unknown) => {
    throw new UserError(`${file}: ${describeFsError(error)}`);
  });
  return parseReport(text, file);
}

/** A report from its JSON text; `file` names it in errors (a path, an s3:// URI). */
export function parseReport(text: string, file: string): Report {
  let report: Partial<Report>;
  try {
    report = JSON.parse(text) as Partial<Report>;
  } catch {
    throw new UserError(`${file}: not a JSON file`);
  }
  if (report.tool?.name !== 'piiscan' || !Array.isArray(report.findings))
    throw new UserError(`${file}: not a piiscan JSON report`);
  if (report.schemaVersion !== SCHEMA_VERSION) {
    throw new UserError(
      `${file}: report schema version ${String(report.schemaVersion)}, this piiscan reads version ${SCHEMA_VERSION}: scan again`,
    );
  }
  return report as Report;
}
