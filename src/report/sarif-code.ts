/**
 * SARIF for a log finding whose statement is known: the result's location is the statement in
 * the service's repository, so code-scanning UIs annotate the line to change; the log lines and
 * the other candidate statements become related locations. Each repository is a uriBaseId named
 * for its service, resolved in the run's `originalUriBaseIds`; a location the log line named for
 * a service without a source is left relative to `%SRCROOT%`, the repository being scanned.
 */
import type { CodeSource, Finding } from '../sites/finding.js';

/** The uriBaseId of a service's repository. */
export function toUriBaseId(service: string): string {
  return `${service.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_SRCROOT`;
}

/** A statement as a SARIF physical location. */
export function toStatementLocation(f: Finding, source: CodeSource, toUri: (path: string) => string) {
  return {
    physicalLocation: {
      artifactLocation: { uri: toUri(source.path), uriBaseId: source.root ? toUriBaseId(f.service) : '%SRCROOT%' },
      ...(source.line > 0
        ? { region: { startLine: source.line, ...(source.column > 0 ? { startColumn: source.column } : {}) } }
        : {}),
    },
  };
}

/** The run's `originalUriBaseIds`: each service repository that a result points into. */
export function toOriginalUriBaseIds(findings: readonly Finding[]): Record<string, unknown> | undefined {
  const roots = new Map<string, { uri: string; description: { text: string } }>();
  for (const f of findings)
    if (f.source?.root)
      roots.set(toUriBaseId(f.service), {
        uri: f.source.root,
        description: { text: `checkout of the code of service ${f.service}` },
      });
  return roots.size > 0 ? Object.fromEntries(roots) : undefined;
}
