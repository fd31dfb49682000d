// Matching a site's template to statements: ranking, ties, levels, keys, and none.
import { describe, expect, it } from 'vitest';
import { createStatementMatcher } from '../../src/source/match.js';
import { codeLocationOf } from '../../src/source/code-location.js';
import { toJsonTemplate, toTextTemplate } from '../../src/engine/template.js';
import { jsonFields } from '../../src/engine/fields.js';
import type { FileStatements, LogStatement } from '../../src/source/statement.js';

function statement(line: number, method: string, parts: string[], keys: string[] = []): LogStatement {
  return { line, column: 5, call: `log.${method}(…)`, method, parts, keys };
}

const FILES: FileStatements[] = [
  {
    path: 'src/orders.py',
    statements: [
      statement(10, 'info', ['order', 'created for']),
      statement(20, 'info', ['order created']),
      statement(30, 'info', ['payment failed for']),
      statement(40, 'error', ['payment failed for']),
      statement(50, 'info', ['user_registered'], ['email', 'plan']),
    ],
  },
  {
    path: 'src/refunds.py',
    statements: [statement(7, 'info', ['refund sent to']), statement(9, 'info', ['Gift card'])],
  },
  { path: 'src/legacy/refunds.py', statements: [statement(7, 'info', ['refund sent to'])] },
];
const matcher = createStatementMatcher(FILES);
const at = (c: { path: string; line: number }) => `${c.path}:${c.line}`;

describe('statement matcher', () => {
  it('ranks the statement that explains the most words first, the one it contains after', () => {
    const [first, second] = matcher.match(toTextTemplate('2026-11-02 10:00:00 INFO order 42 created for <email>', []));
    expect(at(first!)).toBe('src/orders.py:10');
    expect(first!.confidence).toBeLessThanOrEqual(0.85);
    expect(at(second!)).toBe('src/orders.py:20');
    expect(second!.confidence).toBeLessThan(first!.confidence);
  });

  it('lists equal statements all, each at most half sure', () => {
    const found = matcher.match('<ts> INFO refund sent to <email>');
    expect(found.map(at).sort()).toEqual(['src/legacy/refunds.py:7', 'src/refunds.py:7']);
    for (const c of found) {
      expect(c.confidence).toBeLessThanOrEqual(0.5);
      expect(c.why).toContain('2 statements match equally');
    }
  });

  it('breaks a tie by the level the line names', () => {
    const [first] = matcher.match('<ts> ERROR payment failed for <email>');
    expect(at(first!)).toBe('src/orders.py:40');
    expect(first!.why).toContain('level error');
  });

  it('matches JSON lines by message and keys', () => {
    const line = '{"event":"user_registered","email":"a@example.com","plan":"pro"}';
    const [first] = matcher.match(toJsonTemplate(jsonFields(line)!, []));
    expect(at(first!)).toBe('src/orders.py:50');
    expect(first!.why).toBe('2 of 2 message words in order; keys email, plan');
  });

  it('finds nothing for a line no statement writes', () => {
    expect(matcher.match('<ts> WARN disk almost full on <num>')).toEqual([]);
  });

  it('is less sure of a statement that explains little of the line', () => {
    const [first] = matcher.match(toTextTemplate('INFO -- : Gift card mailed to <email> by the fulfilment job', []));
    expect(at(first!)).toBe('src/refunds.py:9');
    expect(first!.confidence).toBeLessThanOrEqual(0.8);
  });
});

describe('code locations the line carries', () => {
  const template = (line: object) => toJsonTemplate(jsonFields(JSON.stringify(line))!, []);

  it('reads OpenTelemetry attributes, GCP sourceLocation and a caller field', () => {
    expect(
      codeLocationOf(
        template({ msg: 'x', 'code.file.path': 'app/a.py', 'code.line.number': 12, 'code.function.name': 'f' }),
      ),
    ).toMatchObject({ path: 'app/a.py', line: 12, call: 'f', confidence: 1 });
    expect(
      codeLocationOf(
        template({
          message: 'x',
          'logging.googleapis.com/sourceLocation': { file: 'main.go', line: '7', function: 'main.run' },
        }),
      ),
    ).toMatchObject({ path: 'main.go', line: 7, call: 'main.run' });
    expect(codeLocationOf(template({ msg: 'x', caller: 'orders/handler.go:88' }))).toMatchObject({
      path: 'orders/handler.go',
      line: 88,
    });
  });

  it('keeps no value that is not shaped like code: the template stays a placeholder', () => {
    const t = template({ msg: 'x', caller: 'ann@example.com', 'code.file.path': 'Ann Smith' });
    expect(t).toBe('{msg="x" ["code.file.path"]=<str> caller=<str>}');
    expect(codeLocationOf(t)).toBeUndefined();
  });
});
