/**
 * SARIF 2.1.0 for code-scanning UIs: one rule per detector in the registry's (alphabetical) order,
 * one result per finding. Policy violations (without a policy: plaintext) are `fail` results (error
 * when sensitive, warning otherwise); what the policy allows is informational. Files get an
 * artifact location and a region; other sites (tables, objects) their location URI. Our
 * fingerprint is the partial fingerprint.
 */
import { detectors } from '../../detectors/index.js';
import type { Finding, FindingLocation } from '../sites/finding.js';
import type { FormatOptions } from './formatters.js';
import type { Report } from './report.js';
import { toJsonText } from '../errors/printable.js';
import { toStatementLocation, toOriginalUriBaseIds } from './sarif-code.js';
import { isViolation } from '../sites/verdict.js';
import { describeRetentionExceeded, retentionFindings } from './retention-text.js';

const FINGERPRINT_KEY = 'piiscanLeakSite/v1';
const SCHEME_AND_AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A path or a site URI as a URI reference: each path segment percent-encoded (spaces, `#`, `%`,
 * `?`, controls and non-ASCII as UTF-8), a site URI's scheme and authority kept as they are.
 */
export function toUriReference(text: string): string {
  const head = SCHEME_AND_AUTHORITY.exec(text)?.[0] ?? '';
  const segments = text.slice(head.length).replace(LONE_SURROGATE, '\ufffd').split('/');
  return head + segments.map(encodeURIComponent).join('/');
}

function toPhysical(location: FindingLocation) {
  return {
    physicalLocation: {
      artifactLocation: { uri: toUriReference(location.path) },
      region: { startLine: location.line, startColumn: location.column },
    },
  };
}

function toLocations(f: Finding) {
  if (f.site.kind !== 'file' || f.locations.length === 0)
    return [{ physicalLocation: { artifactLocation: { uri: toUriReference(f.site.uri) } } }];
  return [toPhysical(f.locations[0]!)];
}

function toMessage(f: Finding): string {
  const where = f.site.jsonPath ? ` at ${f.site.jsonPath}` : '';
  return `${f.form === 'plaintext' ? 'Plaintext' : `${f.form[0]!.toUpperCase()}${f.form.slice(1)}`} ${f.detector} (${f.sensitivity}) in service ${f.service}${where}: ${f.count} occurrence${f.count === 1 ? '' : 's'} from the log statement "${f.site.template}". Sample: ${f.sample}.${f.policy ? ` ${f.policy.verdict === 'violation' ? 'Violates' : 'Allowed by'} ${f.policy.rule}.` : ''}`;
}

/** Where a result points: the statement when it is known, else the log line or the site. */
function toPlaces(f: Finding) {
  if (!f.source) {
    const related = f.locations.slice(1).map((l, i) => ({ id: i + 1, ...toPhysical(l) }));
    return { locations: toLocations(f), ...(related.length > 0 ? { relatedLocations: related } : {}) };
  }
  const lines = f.locations.map((l) => ({ ...toPhysical(l), message: { text: 'log line' } }));
  const others = (f.sourceCandidates ?? []).map((c) => ({
    ...toStatementLocation(f, c, toUriReference),
    message: { text: `candidate statement, confidence ${c.confidence}` },
  }));
  return {
    locations: [toStatementLocation(f, f.source, toUriReference)],
    relatedLocations: [...lines, ...others].map((l, i) => ({ id: i + 1, ...l })),
  };
}

function toResult(f: Finding, report: Report) {
  // The level follows the policy's verdict (without one, plaintext is the violation).
  const violation = isViolation(f);
  return {
    ruleId: f.detector,
    ruleIndex: detectors.findIndex((d) => d.id === f.detector),
    kind: violation ? 'fail' : 'informational',
    level: violation ? (f.sensitivity === 'sensitive' ? 'error' : 'warning') : 'none',
    message: { text: toMessage(f) },
    ...toPlaces(f),
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(f.new && report.baseline ? { baselineState: 'new' } : f.inBaseline ? { baselineState: 'unchanged' } : {}),
    ...(f.allowed
      ? {
          suppressions: [
            { kind: 'external', status: 'accepted', justification: `${f.allowed.rule}: ${f.allowed.reason}` },
          ],
        }
      : {}),
    properties: {
      service: f.service,
      ...(f.owner ? { owner: f.owner } : {}),
      form: f.form,
      confidence: f.confidence,
      count: f.count,
      site: f.site,
      ...(f.source !== undefined ? { source: f.source, sourceReason: f.sourceReason } : {}),
      category: f.category,
      identifier: f.identifier,
      ...(f.policy ? { policy: f.policy } : {}),
      ...(f.declaration ? { declaration: f.declaration } : {}),
      ...(f.linkable ? { linkable: f.linkable } : {}),
    },
  };
}

/** Retention exceeded, a result of its own beside the finding's, keyed by its own fingerprint. */
function retentionResults(report: Report) {
  return retentionFindings(report).map((f) => ({
    ruleId: 'retention-exceeded',
    kind: 'fail',
    level: f.sensitivity === 'sensitive' ? 'error' : 'warning',
    message: { text: `PII kept past its retention limit at ${f.site.uri}: ${describeRetentionExceeded(f)}.` },
    ...toPlaces(f),
    partialFingerprints: { [FINGERPRINT_KEY]: f.retention!.fingerprint },
    ...(f.retention!.inBaseline ? { baselineState: 'unchanged' } : report.baseline ? { baselineState: 'new' } : {}),
    ...(f.allowed
      ? {
          suppressions: [
            { kind: 'external', status: 'accepted', justification: `${f.allowed.rule}: ${f.allowed.reason}` },
          ],
        }
      : {}),
    properties: { service: f.service, site: f.site, finding: f.fingerprint, oldest: f.oldest, retention: f.retention },
  }));
}

/** Stale declarations, as notes at the product file's line. */
function staleResults(report: Report) {
  return (report.declarations?.stale ?? []).map((s) => ({
    ruleId: 'stale-declaration',
    kind: 'review',
    level: 'note',
    message: { text: `${s.product} declares ${s.field}, found nowhere in a full scan of the product.` },
    locations: [toPhysical({ path: s.file, line: s.line, column: 1 })],
  }));
}

export function formatSarif(report: Report, _options: FormatOptions): string {
  const rules = detectors.map((d) => ({
    id: d.id,
    name: d.id.replace(/(^|_)([a-z])/g, (_m, _s: string, c: string) => c.toUpperCase()),
    shortDescription: { text: `${d.id}: ${d.category}, ${d.sensitivity}` },
    fullDescription: { text: d.description },
    help: {
      text: `${d.description}. Encrypt the value, move it to the service that owns personal data, or stop logging it.`,
    },
    defaultConfiguration: { level: d.sensitivity === 'sensitive' ? 'error' : 'warning' },
    properties: {
      category: d.category,
      sensitivity: d.sensitivity,
      identifier: d.identifier,
      tags: ['privacy', 'pii', d.category],
    },
  }));
  const baseIds = toOriginalUriBaseIds(report.findings);
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'piiscan', version: report.tool.version, semanticVersion: report.tool.version, rules },
        },
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
            toolExecutionNotifications: report.errors.map((e) => ({
              level: 'error',
              message: { text: `${e.source}: ${e.message}` },
            })),
          },
        ],
        ...(baseIds ? { originalUriBaseIds: baseIds } : {}),
        columnKind: 'utf16CodeUnits',
        results: [
          ...report.findings.map((f) => toResult(f, report)),
          ...retentionResults(report),
          ...staleResults(report),
        ],
      },
    ],
  };
  return toJsonText(sarif);
}
