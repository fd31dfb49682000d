// Small services in six languages, their logs with PII: every log finding names the statement
// that wrote it, through the real CLI, parser and matcher.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { CODE, scanServicesReport } from './service-fixtures.js';

/** Log file:line → the statement's file:line in its service's code. */
const EXPECTED: Record<string, string> = {
  'accounts.log:1': 'accounts/views.py:12',
  'accounts.log:2': 'accounts/views.py:19',
  'accounts.log:3': 'accounts/views.py:24',
  'accounts.log:4': 'accounts/tasks.py:7',
  'accounts.log:5': 'accounts/tasks.py:11',
  'audit.jsonl:1': 'accounts/views.py:13',
  'audit.jsonl:2': 'accounts/views.py:25',
  'billing.jsonl:1': 'src/Billing/InvoiceService.cs:17',
  'billing.jsonl:2': 'src/Billing/InvoiceService.cs:23',
  'billing.log:1': 'src/Billing/InvoiceService.cs:18',
  'billing.log:2': 'src/Billing/InvoiceService.cs:24',
  'checkout.jsonl:1': 'src/routes/checkout.ts:8',
  'checkout.jsonl:2': 'src/routes/checkout.ts:10',
  'checkout.jsonl:3': 'src/routes/checkout.ts:15',
  'checkout.jsonl:4': 'src/mailer.js:6',
  'console.log:1': 'src/mailer.js:7',
  'console.log:2': 'src/mailer.js:11',
  'otel.jsonl:1': 'src/reminders.ts:12',
  'otel.jsonl:2': 'src/reminders.ts:31',
  'otel.jsonl:3': 'src/reminders.ts:44',
  'app.log:1': 'src/main/java/com/acme/orders/OrderController.java:16',
  'app.log:3': 'src/main/java/com/acme/orders/OrderController.java:30',
  'app.log:4': 'src/main/java/com/acme/orders/OrderController.java:32',
  'app.log:5': 'src/main/java/com/acme/orders/PaymentClient.java:10',
  'app.log:6': 'src/main/java/com/acme/orders/PaymentClient.java:15',
  'app.log:7': 'src/main/java/com/acme/orders/OrderController.java:24',
  'shipping.log:1': 'internal/shipping/handler.go:15',
  'shipping.log:2': 'internal/shipping/handler.go:16',
  'shipping.log:3': 'internal/shipping/handler.go:17',
  'shipping.log:4': 'internal/shipping/handler.go:22',
  'shipping.log:5': 'internal/shipping/tracking.go:8',
  'shipping.log:6': 'internal/shipping/tracking.go:9',
  'zap-caller.jsonl:1': 'shipping/handler.go:16',
  'production.log:1': 'app/controllers/customers_controller.rb:4',
  'production.log:2': 'app/controllers/customers_controller.rb:9',
  // Written by code outside the service's repository (a gem): no statement there says it.
  'production.log:3': 'null: no statement in store matched',
};

describe('log findings point at their statement', () => {
  it('maps every site of the six services to the right file and line', async () => {
    const report = await scanServicesReport();
    const mapped: Record<string, string> = {};
    for (const f of report.findings) {
      const at = `${path.basename(f.locations[0]!.path)}:${f.locations[0]!.line}`;
      mapped[at] = f.source ? `${f.source.path}:${f.source.line}` : `null: ${f.sourceReason}`;
    }
    expect(mapped).toEqual(EXPECTED);
  }, 60_000);

  it('gives confidence 1 to a location the line carries, and keys the site by it', async () => {
    const report = await scanServicesReport();
    const otel = report.findings.filter((f) => f.locations[0]!.path.endsWith('otel.jsonl'));
    expect(otel.map((f) => f.source?.confidence)).toEqual([1, 1, 1]);
    // Two lines with one message and key set, written by two statements: two sites.
    expect(new Set(otel.map((f) => f.fingerprint)).size).toBe(3);
    const statement = report.findings.find(
      (f) => f.sample.includes('@') && f.site.template.includes('checkout started'),
    )!;
    expect(statement.source!.root).toBe(`file://${ROOT}/${CODE}/checkout/`);
    expect(statement.source!.call).toBe("logger.info({ email, cartId }, 'checkout started')");
  }, 60_000);

  it('says why a finding has no source: no source configured', async () => {
    const report = await scanServicesReport(['orders']);
    const store = report.findings.find((f) => f.service === 'store')!;
    expect(store.source).toBeNull();
    expect(store.sourceReason).toBe('no source configured for service store');
  }, 60_000);
});
