// Precision on realistic log lines: each case is a line of a log file scanned through the CLI,
// with the detectors it must be reported for (as plaintext) and nothing else.
import { describe, expect, it } from 'vitest';
import { makeTree, parseReport, runCli } from '../helpers.js';

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
  [
    '2026-11-01 10:00:00.123  INFO 4242 --- [nio-8080-exec-1] com.acme.sms.SmsGateway : dispatched 2025550143 in 15 ms',
    [],
  ],
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

checkCases('a digit run inside a larger token is not a value', [
  ['2026-11-01 10:00:00,123 INFO orders: phone lookup request_id=8c3f1a2e-4b5d-4c6e-9f70-202555014312 status=200', []],
  [
    '{"level":30,"msg":"mobile location","lat":51.02079460958,"lon":-0.02079460958,"trace":"550e8400-e29b-41d4-a716-446655440000"}',
    [],
  ],
  ['2026-11-01 10:00:00 INFO geo: card terminal at 57.821541111111111 -4.4111111111111111', []],
  ['2026-11-01 10:00:00 INFO export: wrote /data/exports/phones_02079460958.csv and report_4111111111111111.json', []],
  ['2026-11-01 10:00:00 INFO deploy: ssn-service 536-22-1234-rc1 rolled out, artifact build.4111111111111111.tar', []],
  [
    '2026-11-01 10:00:00 INFO cache: key=user_4111111111111111_profile hex=0x4111111111111111 sha=4111111111111111aef5',
    [],
  ],
  ['2026-11-01 10:00:00 INFO payments: ids 41 1111 111111 1111 1 reconciled', []],
  ['INFO:payments.views:card 4111 1111 1111 1111 charged', ['credit_card']],
  ['INFO:payments.views:amex 3782 822463 10005 charged', ['credit_card']],
  ['2026-11-01 10:00:00 INFO kyc: applicant 536-22-1234 verified.', ['us_ssn']],
]);

checkCases('IP addresses of clients, not of networks, versions or servers', [
  ['2026-11-01 10:00:00 INFO net: routes 10.0.0.0/8 and 192.168.0.0/16 installed, netmask 255.255.255.0', []],
  ['2026-11-01 10:00:00 INFO boot: loaded /opt/app/lib/netty-codec-4.1.100.1.jar and com.acme:widget:1.2.3.4', []],
  ['2026-11-01 10:00:00 INFO spec: see section 2.3.4.1 of the runbook', []],
  ['{"level":30,"msg":"started","version":"10.2.0.17","build":"4.1.3.9"}', []],
  [
    '2026/11/01 10:00:00 [error] 12#12: upstream timed out, upstream: "http://10.2.3.4:8080/api", server_addr=10.0.0.5 dns=8.8.8.8',
    [],
  ],
  ['{"msg":"lookup","resolvers":["9.9.9.9","1.1.1.1"],"nameserver":"8.8.4.4"}', []],
  ['203.0.113.42 - - [01/Nov/2026:10:00:00 +0000] "GET /health HTTP/1.1" 200 2 "-" "curl/8.4.0"', ['ip_address']],
  ['{"remote_addr":"198.51.100.7","upstream_addr":"10.2.3.4:80","status":200}', ['ip_address']],
  ['2026-11-01 10:00:00 INFO web: X-Forwarded-For: 198.51.100.7, 10.0.0.1 client_ip=198.51.100.7', ['ip_address']],
]);

checkCases('emails: Message-IDs, unit names and URL userinfo are not addresses', [
  ['Nov  1 10:00:00 mx1 postfix/cleanup[4242]: 4F2B3C1D2E: message-id=<20261101100000.4242@mail.example.com>', []],
  [
    'Nov  1 10:00:00 mx1 postfix/qmgr[4243]: 4F2B3C1D2E: from=<jane.doe@example.com>, size=1024, nrcpt=1 (queue active)',
    ['email'],
  ],
  ['Nov  1 10:00:00 host systemd[1]: Started getty@tty1.service - Getty on tty1.', []],
  ['Nov  1 10:00:00 host systemd[1]: user@1000.service: Consumed 1.234s CPU time.', []],
  ['2026-11-01 10:00:00 INFO git: fetching https://ci-bot@git.example.com/acme/app.git', []],
  ['2026-11-01 10:00:00 INFO signup: GET /u?email=j%C3%B6rg.m%C3%BCller%40ex%C3%A4mple.de&step=2', ['email']],
]);

const credentialLines: Case[] = [
  ['2026-11-01 10:00:00 INFO db: connecting to postgres://app:Sup3rS3cretPw@db.example.com:5432/app', ['secret']],
  ['{"level":30,"msg":"cache ready","url":"redis://:hunt3rPassw0rd@cache.internal:6379/0"}', ['secret']],
  [
    '2026-11-01 10:00:00,123 INFO kombu.connection: Connected to amqp://guest:rabbitPw123@mq.example.com:5672//',
    ['secret'],
  ],
  [
    '2026-11-01 10:00:00 INFO mongo: uri=mongodb+srv://admin:M0ng0Pass@cluster0.example.net/db?retryWrites=true',
    ['secret'],
  ],
  ['2026-11-01 10:00:00 INFO git: cloning https://deploy:ghx_abcdEFGH1234@git.example.com/repo.git', ['secret']],
  ['2026-11-01 10:00:00 WARN tls: loaded key -----BEGIN RSA PRIVATE KEY----- from env', ['secret']],
  [
    '2026-11-01 10:00:00 WARN tls: TLS_KEY="-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIBx9Yv2kQ7mLp3Rw8Zt\\n-----END EC PRIVATE KEY-----"',
    ['secret'],
  ],
  [
    '{"level":40,"msg":"tls config","key":"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\nBKcwggSjAgEAAoIBAQC7\\n-----END PRIVATE KEY-----"}',
    ['secret'],
  ],
  ['2026-11-01 10:00:00 INFO db: connecting to postgres://app:${DB_PASSWORD}@db.example.com:5432/app', []],
];
checkCases('credentials in connection URLs and PEM private keys are secrets', credentialLines);

describe('credential samples and templates', () => {
  it('never hold a password or key material in any output format', async () => {
    const dir = makeTree({ 'logs/app.log': `${credentialLines.map(([line]) => line).join('\n')}\n` });
    for (const format of ['json', 'table', 'markdown', 'sarif', 'html']) {
      const { stdout } = await runCli(['scan', 'logs', '--format', format, '--max-locations', '0', '-q'], dir);
      if (format === 'json' || format === 'table') expect(stdout).toContain('postgres://***:***@');
      for (const password of [
        'Sup3rS3cretPw',
        'hunt3rPassw0rd',
        'rabbitPw123',
        'M0ng0Pass',
        'ghx_abcdEFGH1234',
        'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
        'BKcwggSjAgEAAoIBAQC7',
        'MHcCAQEEIBx9Yv2kQ7mLp3Rw8Zt',
      ]) {
        expect(stdout).not.toContain(password);
      }
    }
  });
});

checkCases('recall: encoded, lowercase and spaced forms', [
  [
    '198.51.100.7 - - [01/Nov/2026:10:00:00 +0000] "GET /verify?phone=%2B447700900123&code=1 HTTP/1.1" 200 12',
    ['ip_address', 'phone'],
  ],
  ['{"level":30,"msg":"request","url":"/v1/otp?to=%2B44%207700%20900123"}', ['phone']],
  ['2026-11-01 10:00:00,123 INFO onboarding: nino ab123456c saved', ['uk_nino']],
  ['2026-11-01 10:00:00,123 INFO sms.views: sending code to +44 7700 900123', ['phone']],
  ['2026-11-01 10:00:00,123 INFO otp: mobile 09876543210 verified', ['phone']],
  ['2026-11-01 10:00:00,123 INFO otp: mobile 098765 43210 verified', ['phone']],
  ['2026-11-01 10:00:00,123 INFO contacts: Phone number: 2025550143', ['phone']],
  ['2026-11-01 10:00:00,123 INFO contacts: tel=7700900123', ['phone']],
]);

checkCases('labels, keys and units say what a number is', [
  ['2026-11-01 10:00:00,123 INFO phone_verification.tasks: cleanup removed 2025550143 rows', []],
  ['2026-11-01 10:00:00 INFO user 1234 changed phone settings: notifications=on retries=2025550143', []],
  ['2026-11-01 10:00:00 INFO ratelimit: phone bucket 2025550143 tokens left 12', []],
  ['2026-11-01 10:00:00 INFO ssn-masking: applied to 536221234 records', []],
  ['2026-11-01 10:00:00 INFO dns: forwarding to backend 10.1.2.3:8080 via resolver 10.0.0.2', []],
  ['2026-11-01 10:00:00 INFO release: deployed orders 1.14.2.3 to eu-west-1', []],
  ['Nov  1 10:00:00 web01 sshd[4242]: Accepted publickey for deploy from 198.51.100.7 port 52222 ssh2', ['ip_address']],
  ['2026-11-01 10:00:00 INFO contact: mobile number is 9876543210', ['phone']],
]);

checkCases('ids under id keys and inside colon-joined keys', [
  [
    '2026-11-01 10:00:00 INFO payment 6f10ad8a-0998-4f33-a720-7f7aabc138ac amount=1411.47 fx=60.26267460338377 ref=4111111111111111',
    [],
  ],
  ['{"level":30,"msg":"charged","transactionId":"4111111111111111","latency":0.02079460958}', []],
  ['2026-11-01 10:00:00 DEBUG com.acme.sms.SmsGateway - cache key=sms:2025550143:3d05023b ttl=95165', []],
  ['2026-11-01 10:00:00 INFO sms dispatch order_id=2025550143 status=queued', []],
  ['2026-11-01 10:00:00 INFO payments: card_number=4111111111111111 charged', ['credit_card']],
]);
