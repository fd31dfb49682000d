// Log statements as each language writes them: the call's line, its constant message parts and
// the field keys it attaches, read by the real parser.
import { describe, expect, it } from 'vitest';
import { languageOf } from '../../src/source/languages.js';
import { parserFor } from '../../src/source/tree-sitter.js';
import { extractStatements } from '../../src/source/extract.js';

async function statementsOf(extension: string, code: string) {
  const spec = languageOf(extension)!;
  const tree = (await parserFor(spec.grammar)).parse(code)!;
  return extractStatements(tree, spec).map(({ line, method, parts, keys }) => ({ line, method, parts, keys }));
}

describe('log statements by language', () => {
  it('Java: SLF4J and Log4j2 placeholders, concatenation, String.format; not other calls', async () => {
    const found = await statementsOf(
      '.java',
      [
        'class A { void f() {',
        '  log.info("order {} created for {}", id, email);',
        '  LOGGER.warn("refund by " + email + " for order " + id);',
        '  log.error(String.format("card %s declined (%d)", card, code), e);',
        '  list.add("not a log");',
        '} }',
      ].join('\n'),
    );
    expect(found).toEqual([
      { line: 2, method: 'info', parts: ['order', 'created for'], keys: [] },
      { line: 3, method: 'warn', parts: ['refund by', 'for order'], keys: [] },
      { line: 4, method: 'error', parts: ['card', 'declined (', ')'], keys: [] },
    ]);
  });

  it('Python: %s, %(name)s, f-strings, str.format, implicit concatenation, structlog keys', async () => {
    const found = await statementsOf(
      '.py',
      [
        'logger.info("user %s signed in", email)',
        'logging.warning("reset for %(email)s", {"email": email})',
        'log.error(f"mail to {user.email} failed: {err}")',
        'log.info("phone {} for {}".format(phone, uid))',
        'log.info("one " "two %s", x, extra={"order_id": 1}, exc_info=True)',
        'audit.info("user_registered", email=email, plan=plan)',
      ].join('\n'),
    );
    expect(found).toEqual([
      { line: 1, method: 'info', parts: ['user', 'signed in'], keys: [] },
      { line: 2, method: 'warning', parts: ['reset for'], keys: ['email'] },
      { line: 3, method: 'error', parts: ['mail to', 'failed:'], keys: [] },
      { line: 4, method: 'info', parts: ['phone', 'for'], keys: [] },
      { line: 5, method: 'info', parts: ['one two'], keys: ['order_id'] },
      { line: 6, method: 'info', parts: ['user_registered'], keys: ['email', 'plan'] },
    ]);
  });

  it('JavaScript and TypeScript: console, pino objects, winston levels, template literals', async () => {
    const found = await statementsOf(
      '.ts',
      [
        'logger.info({ email, cartId: id }, "checkout started");',
        "logger.log('info', 'receipt sent to %s', to);",
        'console.error(`mail to ${address} bounced`);',
        'res.send("hello");',
      ].join('\n'),
    );
    expect(found).toEqual([
      { line: 1, method: 'info', parts: ['checkout started'], keys: ['cartId', 'email'] },
      { line: 2, method: 'log', parts: ['receipt sent to'], keys: [] },
      { line: 3, method: 'error', parts: ['mail to', 'bounced'], keys: [] },
    ]);
  });

  it('Go: log, slog pairs, zap fields, sugared verbs, logrus fields', async () => {
    const found = await statementsOf(
      '.go',
      [
        'package p',
        'func f() {',
        '\tslog.InfoContext(ctx, "shipment created", "order", id, "email", e)',
        '\tz.Info("label printed", zap.String("phone", p))',
        '\tlog.Printf("courier for %s at %+v", id, addr)',
        '\tlog.WithFields(log.Fields{"email": e}).Warn("tracking sent")',
        '\ts.Infow("user updated", "user_id", id)',
        '}',
      ].join('\n'),
    );
    expect(found).toEqual([
      { line: 3, method: 'InfoContext', parts: ['shipment created'], keys: ['email', 'order'] },
      { line: 4, method: 'Info', parts: ['label printed'], keys: ['phone'] },
      { line: 5, method: 'Printf', parts: ['courier for', 'at'], keys: [] },
      { line: 6, method: 'Warn', parts: ['tracking sent'], keys: ['email'] },
      { line: 7, method: 'Infow', parts: ['user updated'], keys: ['user_id'] },
    ]);
  });

  it('C#: message templates name their fields; interpolated strings', async () => {
    const found = await statementsOf(
      '.cs',
      [
        'class A { void F() {',
        '  _logger.LogInformation("Invoice {InvoiceId} sent to {CustomerEmail}", id, email);',
        '  Log.ForContext<A>().Warning("No address for {@Customer}", c);',
        '  _logger.LogDebug($"retry for {invoice.Email}");',
        '} }',
      ].join('\n'),
    );
    expect(found).toEqual([
      { line: 2, method: 'LogInformation', parts: ['Invoice', 'sent to'], keys: ['CustomerEmail', 'InvoiceId'] },
      { line: 3, method: 'Warning', parts: ['No address for'], keys: ['Customer'] },
      { line: 4, method: 'LogDebug', parts: ['retry for'], keys: [] },
    ]);
  });

  it('Ruby: Rails logger with and without parentheses, interpolation, blocks', async () => {
    const found = await statementsOf(
      '.rb',
      [
        'Rails.logger.info "Customer #{c.id} signed up with #{c.email}"',
        'logger.warn("Phone changed to #{phone}")',
        'logger.debug { "payload for #{user.email}" }',
      ].join('\n'),
    );
    expect(found).toEqual([
      { line: 1, method: 'info', parts: ['Customer', 'signed up with'], keys: [] },
      { line: 2, method: 'warn', parts: ['Phone changed to'], keys: [] },
      { line: 3, method: 'debug', parts: ['payload for'], keys: [] },
    ]);
  });
});
