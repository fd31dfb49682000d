// Precision on realistic log lines: each case is a line of a log file scanned through the CLI,
// with the detectors it must be reported for (as plaintext) and nothing else.
import { describe, expect, it } from 'vitest';
import { makeTree, parseReport, runCli } from './helpers.js';

/** A log line and the detectors that must find plaintext PII in it (none for a hard negative). */
type Case = [line: string, detectors: string[]];

/** Scans the lines as one log file; returns, per line (0-based), the detectors of its plaintext findings. */
async function scanLines(lines: string[]): Promise<string[][]> {
  const dir = makeTree({ 'logs/app.log': `${lines.join('\n')}\n` });
  const result = await runCli(['scan', 'logs', '--format', 'json', '--max-locations', '0', '-q'], dir);
  const found: string[][] = lines.map(() => []);
  for (const f of parseReport(result.stdout).findings) {
    if (f.form !== 'plaintext') continue;
    for (const location of f.locations) found[location.line - 1]!.push(f.detector);
  }
  return found.map((ids) => [...new Set(ids)].sort());
}

function checkCases(name: string, cases: Case[]): void {
  describe(name, () => {
    it('finds exactly the expected detectors on each line', async () => {
      const found = await scanLines(cases.map(([line]) => line));
      expect(cases.map(([line], i) => [line, found[i]])).toEqual(cases.map(([line, ids]) => [line, [...ids].sort()]));
    });
  });
}

checkCases('context words are whole tokens', [
  ['2026-11-01 10:00:00.123  INFO 4242 --- [nio-8080-exec-1] com.acme.sms.SmsGateway : dispatched 2025550143 in 15 ms', []],
  ['2026-11-01 10:00:00.123  INFO 4242 --- [nio-8080-exec-1] c.a.sms.SmsGateway       : processed 7911123456', []],
  ['2026-11-01 10:00:00,123 INFO [card-svc-01] c.a.cards.CardLedger - settled 536221234 entries', []],
  ['2026-11-01 10:00:00 host=ssn-verify-01 logger=SsnBatch handled 536221234 rows', []],
  ['{"level":30,"time":1730455200123,"hostname":"sms-relay-01","telemetry_id":2025550143,"msg":"uploaded"}', []],
  ['2026-11-01 10:00:00,123 INFO hotel.bookings: booking 2025550143 confirmed', []],
  ['2026-11-01 10:00:00.123  INFO 4242 --- [main] com.acme.sms.SmsGateway : sms sent for order 2025550143', []],
  ['2026-11-01 10:00:00.123  INFO 4242 --- [main] com.acme.sms.SmsGateway : SMS sent to 2025550143', ['phone']],
  ['{"level":30,"msg":"otp sent","customerPhone":"2025550143"}', ['phone']],
  ['2026-11-01 10:00:00,123 INFO users.views: Phone No. 2025550143 verified', ['phone']],
  ['2026-11-01 10:00:00,123 INFO kyc: applicant ssn 536221234 checked', ['us_ssn']],
]);
