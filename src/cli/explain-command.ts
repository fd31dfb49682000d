/** `piiscan explain <fingerprint> --report FILE`: why a finding exists and what happens to it. */
import { detectors } from '../../detectors/index.js';
import { isFailing } from '../gate/gate.js';
import type { Report } from '../report/report.js';
import type { Finding } from '../sites/finding.js';
import { UserError } from '../errors/user-error.js';
import { toPrintable } from '../errors/printable.js';
import { describeCandidates, describeSource } from '../report/code-source.js';
import { describeRetentionExceeded } from '../report/retention-text.js';

const SERVICE_SOURCES: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^services\[(\d+)\]$/, (m) => `config rule services[${m[1]}] (the last rule that matched)`],
  [/^field (.+)$/, (m) => `the JSON log line's "${m[1]}" field`],
  [/^folder$/, () => "the file's nearest folder that is not a date, number or id (a Kubernetes log's container)"],
  [/^schema$/, () => 'the PostgreSQL schema (the database for `public`) or the MySQL database'],
  [/^prefix$/, () => 'the first key segment under the bucket (the bucket for keys at its top)'],
];

function findFinding(report: Report, fingerprint: string): Finding {
  if (fingerprint.length < 6) throw new UserError(`give at least 6 characters of a fingerprint, not "${fingerprint}"`);
  const matches = report.findings.filter((f) => f.fingerprint.startsWith(fingerprint.toLowerCase()));
  if (matches.length === 0) throw new UserError(`no finding with fingerprint ${fingerprint} in the report`);
  if (matches.length > 1)
    throw new UserError(`${matches.length} findings start with ${fingerprint}: give more characters`);
  return matches[0]!;
}

/** The retention rule covering the site and where the finding stands against it. */
function describeRetentionLine(f: Finding): string | undefined {
  const r = f.retention;
  if (r === undefined) return undefined;
  if (r.status === 'exceeded') return `exceeded: ${describeRetentionExceeded(f)}`;
  if (r.status === 'undated') return `undated: no date found; ${r.rule} allows ${r.limit}`;
  return `within: oldest ${f.oldest!.at.slice(0, 10)} (${f.oldest!.from}), ${r.ageDays} days old; ${r.rule} allows ${r.limit}`;
}

function gateLine(report: Report, f: Finding): string {
  const gate = report.settings;
  if (isFailing(f, gate)) return `fails the scan (--fail-on ${gate.failOn}, --min-sensitivity ${gate.minSensitivity})`;
  if (f.policy?.verdict === 'allowed') return `does not fail the scan: ${f.policy.rule} allows it`;
  if (!f.policy && f.form !== 'plaintext') return `does not fail the scan: ${f.form}, not plaintext`;
  if (f.allowed) return `does not fail the scan: accepted by ${f.allowed.rule}`;
  if (gate.failOn === 'none') return 'does not fail the scan: --fail-on none';
  if (gate.minSensitivity === 'sensitive' && f.sensitivity !== 'sensitive')
    return 'does not fail the scan: --min-sensitivity sensitive';
  return 'does not fail the scan: already in the baseline';
}

export function explainFinding(report: Report, fingerprint: string): string {
  const f = findFinding(report, fingerprint);
  const detector = detectors.find((d) => d.id === f.detector);
  const source = SERVICE_SOURCES.map(([re, say]) => [f.serviceSource.match(re), say] as const).find(([m]) => m);
  const owner = f.owner
    ? [f.owner.team, f.owner.channel, f.owner.email].filter(Boolean).join(', ')
    : 'no owner in the config';
  const first = f.locations[0];
  const rows: Array<[string, string | undefined]> = [
    ['Finding', `${f.fingerprint}: ${f.detector}, ${f.form}, confidence ${f.confidence.toFixed(2)}`],
    [
      'Detector',
      detector ? `${detector.description} (${f.category}, ${f.sensitivity}, ${f.identifier} identifier)` : f.detector,
    ],
    ['Pattern', f.evidence.pattern],
    ['Validator', f.evidence.validator ? `${f.evidence.validator} passed` : 'none applies, or it had no opinion'],
    [
      'Context',
      f.evidence.context.length > 0
        ? `${f.evidence.context.map((w) => `"${w}"`).join(', ')} near the match`
        : 'no context word near the match',
    ],
    ['Form', `${f.form}: ${f.evidence.formReason}`],
    ['Sample', f.sample],
    ['Service', `${f.service}, from ${source ? source[1](source[0]!) : f.serviceSource}`],
    ['Owner', owner],
    ['Site', f.site.uri],
    ['Template', f.site.template],
    ['JSON path', f.site.jsonPath],
    ['Code', describeSource(f)],
    ...describeCandidates(f).map((c, i): [string, string] => [`Match ${i + 1}`, c]),
    [
      'Count',
      `${f.count} occurrence${f.count === 1 ? '' : 's'}${first ? `, first at ${first.path}:${first.line}:${first.column}` : ''}`,
    ],
    [
      'Baseline',
      report.baseline === null
        ? 'no baseline used'
        : f.inBaseline
          ? `known: in ${report.baseline.file}`
          : `not in ${report.baseline.file}`,
    ],
    ['Policy', f.policy ? `${f.policy.verdict} by ${f.policy.rule}: ${f.policy.reason}` : undefined],
    [
      'Linkable',
      f.linkable
        ? `${f.linkable.digest} of values found in plaintext at ${f.linkable.source} (${Math.round(f.linkable.share * 100)}% of ${f.linkable.sampled} sampled)`
        : undefined,
    ],
    ['Retention', describeRetentionLine(f)],
    ['Allow', f.allowed ? `accepted by ${f.allowed.rule}: ${f.allowed.reason}` : 'no allow rule accepts it'],
    ['Gate', gateLine(report, f)],
  ];
  return `${rows
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${`${k}:`.padEnd(11)}${toPrintable(v!)}`)
    .join('\n')}\n`;
}
