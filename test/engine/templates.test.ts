// One statement, one site: a template keeps only what a log statement repeats, so a detector's
// match (right or wrong), quoting, escaping and free text never split a statement or reach a report.
import { describe, expect, it } from 'vitest';
import { toTemplateKey, toTextTemplate, type TemplateSpan } from '../../src/engine/template.js';
import { makeTree, parseReport, runCli } from '../helpers.js';

const spanOf = (line: string, value: string, label: string): TemplateSpan[] => {
  const start = line.indexOf(value);
  return start < 0 ? [] : [{ start, end: start + value.length, label }];
};
const keyOf = (line: string, spans: TemplateSpan[] = []) => toTemplateKey(toTextTemplate(line, spans));

describe('one statement, one site', () => {
  it('a value matched in one line and not in another leaves the same key', () => {
    const lines: Array<[string, string, string]> = [
      ['2026-11-01T10:00:00Z INFO sms to +44 7700 900123 queued', '+44 7700 900123', 'phone'],
      ['2026-11-01T10:00:00Z INFO callback (555) 010-1234 scheduled', '(555) 010-1234', 'phone'],
      ['2026-11-01T10:00:00Z INFO order ord-4111111111111111x paid', '4111111111111111', 'credit_card'],
      ['2026-11-01T10:00:00Z INFO dial tel:+447700900123 now', '+447700900123', 'phone'],
      ['2026-11-01T10:00:00Z INFO redirect /call/%2B447700900123 sent', '447700900123', 'phone'],
      ['2026-11-01T10:00:00Z INFO mail for jane@example.com bounced', 'jane@example.com', 'email'],
    ];
    for (const [line, value, label] of lines) expect(keyOf(line, spanOf(line, value, label)), line).toBe(keyOf(line));
  });

  it('a long JSON statement stays one site when a field is matched in some lines only', async () => {
    const fields = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`attribute_${String.fromCharCode(97 + (i % 26))}${i}`, 'constant']),
    );
    const line = (note: string, email: string) =>
      JSON.stringify({ msg: 'profile updated', aa_note: note, ...fields, user: { email } });
    const dir = makeTree({
      'logs/profile/profile.jsonl':
        [
          line('card 4111 1111 1111 1111 on file', 'ann@example.com'),
          line('no callback wanted', 'bob@example.org'),
          line('call +44 7700 900456', 'li.wei@example.net'),
        ].join('\n') + '\n',
    });
    const report = parseReport((await runCli(['scan', 'logs', '--format', 'json'], dir)).stdout);
    const emails = report.findings.filter((f) => f.detector === 'email');
    expect(emails.map((f) => f.count)).toEqual([3]);
    expect(emails[0]!.site.template).toMatch(/^\{msg="profile updated" aa_note=<[a-z_]+> attribute_.*…$/);
  });

  it('every token that carries a digit is replaced, whatever its shape', () => {
    const a = '2026-11-01T10:00:00Z INFO pod orders-7d9f8c6b5-x2k4p shard s3 v2 took 15ms on node12';
    const b = '2026-11-02T11:30:00Z INFO pod orders-5c8d7f9b4-q7w2z shard s14 v17 took 230ms on node7';
    expect(toTextTemplate(a, [])).toBe(toTextTemplate(b, []));
    expect(toTextTemplate(a, [])).not.toMatch(/\d/);
  });

  it('escaped JSON quotes and URL escapes never leave part of a value', () => {
    const json = 'INFO payload={\\"customer\\":{\\"city\\":\\"Leeds\\",\\"phone\\":\\"+44 7700 900123\\"}} sent';
    expect(toTextTemplate(json, spanOf(json, '+44 7700 900123', 'phone'))).not.toMatch(/Leeds|7700|900123/);
    const url = 'GET /search/Margaret%20Thornbury?name=Larkspur%20Crescent&page=2 from jane%40example.com';
    expect(toTextTemplate(url, [])).not.toMatch(/Margaret|Thornbury|Larkspur|Crescent|jane|example/);
  });

  it('keeps the words that make the statement, and drops the names and places in it', () => {
    const line =
      '2026-11-01 10:00:00.123 INFO [http-nio-8080-exec-1] c.e.orders.DeliveryService - Delivery for Margaret Thornbury at 42 Larkspur Crescent confirmed';
    expect(toTextTemplate(line, [])).toBe(
      '<ts> INFO [http-nio-<num>-exec-<num>] c.e.orders.DeliveryService - Delivery for <text> at <num> <text> confirmed',
    );
    expect(keyOf(line)).toBe(
      keyOf(line.replace('Margaret Thornbury at 42 Larkspur Crescent', "Siân O'Brien-Hughes at Flat 3, 17 Rose Lane")),
    );
    expect(toTextTemplate('Margaret Thornbury logged in from Leeds', [])).toBe('<text> logged in from <text>');
    expect(toTextTemplate('Name: Margaret', [])).toBe('Name: <text>');
    expect(toTextTemplate('java.lang.IllegalStateException: Order not found', [])).toBe(
      'java.lang.IllegalStateException: Order not found',
    );
    expect(toTextTemplate('Started OrderApplication in 3.2 seconds (JVM running for 4.1)', [])).toBe(
      'Started OrderApplication in <num> seconds (JVM running for <num>)',
    );
  });
});

describe('templates never carry personal data the detectors missed', () => {
  const people = [
    ['Margaret Thornbury', '42 Larkspur Crescent', 'Chesterfield'],
    ['Oluwaseun Adebayo-Price', 'Flat 3, 17 Quillon Road', 'Harrogate'],
    ["Siân O'Callaghan", '9 Wetherby Mews', 'Aberystwyth'],
    ['Jean-Luc Dufresne', '221 Brambleside Avenue', 'Kettering'],
  ];
  const planted = people
    .flatMap(([name, street, town]) => [
      ...name!.split(/[ '-]/),
      ...street!
        .split(/[ ,]+/)
        .filter((w) => /^\p{Lu}\p{Ll}{2,}/u.test(w) && !['Flat', 'Road', 'Avenue', 'Mews', 'Crescent'].includes(w)),
      town!,
    ])
    .filter((w) => w.length >= 3);
  const log = people
    .map(
      ([name, street, town], i) =>
        `2026-11-0${i + 1} 10:0${i}:00.123 INFO [worker-${i}] c.e.delivery.DeliveryService - Delivery for ${name} at ${street}, ${town} confirmed, receipt to customer${i}@example.com\n`,
    )
    .join('');

  it("shows the first location's template, however the files were shared between threads", async () => {
    const lines = log.split('\n');
    const dir = makeTree({
      'logs/delivery/delivery.log': lines[1]! + '\n',
      'logs/delivery/delivery.log.1': lines[0]! + '\n',
      'logs/delivery/delivery.log.2': lines.slice(2).join('\n'),
    });
    const sites = async (jobs: string) =>
      parseReport((await runCli(['scan', 'logs', '--format', 'json', '--jobs', jobs], dir)).stdout).findings.map(
        (f) => [f.fingerprint, f.site.template, f.count],
      );
    const one = await sites('1');
    expect(one).toEqual([
      [expect.any(String), expect.stringContaining('Delivery for <text> at <text> <num>, <num> <text> confirmed'), 4],
    ]);
    expect(await sites('2')).toEqual(one);
  });

  it.each(['table', 'json', 'sarif', 'markdown', 'html'])(
    '%s holds none of the planted names and addresses, and the statement is one site',
    async (format) => {
      const dir = makeTree({ 'logs/delivery/delivery.log': log });
      const result = await runCli(['scan', 'logs', '--format', format], dir);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('DeliveryService');
      for (const word of planted) expect(result.stdout, word).not.toContain(word);
      if (format === 'json')
        expect(parseReport(result.stdout).findings.map((f) => [f.detector, f.count])).toEqual([['email', 4]]);
    },
  );
});
