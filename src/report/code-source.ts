/**
 * How reports show the statement a log finding came from: `path:line` for tables and the
 * statement for markdown, HTML and `piiscan explain`.
 */
import type { CodeSource, Finding } from '../sites/finding.js';

/** `src/orders/OrderController.java:88`, or the path alone when the line named no line. */
export function toCodeLocation(source: CodeSource): string {
  return source.line > 0 ? `${source.path}:${source.line}` : source.path;
}

/** One line for a report: where the statement is and how sure, or why there is none. */
export function describeSource(f: Finding): string | undefined {
  if (f.source === undefined) return undefined;
  if (f.source === null) return `code: none (${f.sourceReason ?? 'no statement matched'})`;
  const others = f.sourceCandidates?.length ?? 0;
  return `code: ${toCodeLocation(f.source)} (confidence ${f.source.confidence.toFixed(2)}${others > 0 ? `, ${others} more candidate${others === 1 ? '' : 's'}` : ''})`;
}

/** Every candidate statement, ranked: `path:line  call; confidence 0.95: why`, for explain. */
export function describeCandidates(f: Finding): string[] {
  if (!f.source) return [];
  return [f.source, ...(f.sourceCandidates ?? [])].map(
    (s) => `${toCodeLocation(s)}  ${s.call}; confidence ${s.confidence.toFixed(2)}: ${s.why}`,
  );
}
