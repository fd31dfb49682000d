// Reports in the privacy team's words: each finding's identifier kind, sensitivity, form as
// policies name it, verdict and declaration status, grouped by data product when product files
// were checked, else by service.
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from '../helpers.js';
import { LINES, ORDERS_PRODUCT } from '../pipeline/declarations-fixture.js';

const FILES = {
  'piiscan.yaml': 'declarations:\n  products:\n    orders: ["file://orders/**"]\n',
  'products/orders/product.yaml': ORDERS_PRODUCT,
  'orders/customers.csv':
    'id,email,email_sha256\n1,ann@example.com,ab1c2e6a1d1f1e2a31f7b50b8e3b4e9d2d0f5c6b7a8e9f0a1b2c3d4e5f6a7b8c\n',
  'gateway/app.log': '2026-11-01T10:00:00Z INFO login for a***@example.com\n',
};

describe('reports in the policy language', () => {
  it('markdown groups by product and names kind, form, verdict and declaration', async () => {
    const dir = makeTree(FILES);
    const args = ['scan', 'orders', 'gateway', '-f', 'markdown', '--declarations', 'products/**/product.yaml'];
    const md = (await runCli(args, dir)).stdout;
    const groups = [...md.matchAll(/^#### (.*)$/gm)].map((m) => m[1]);
    expect(groups).toEqual(['product orders (2 findings)', 'no product (1 finding)']);
    const rows = md.split('\n').filter((l) => l.startsWith('| direct identifier'));
    expect(rows).toContainEqual(
      expect.stringContaining(
        `| email | plaintext | violation (default\\["\\*"\\]\\["\\*"\\]) | declared (products/orders/product.yaml:${LINES.email}) |`,
      ),
    );
    expect(rows).toContainEqual(
      expect.stringContaining(
        `| pseudonymised (hashed) | allowed (default\\["\\*"\\]\\["\\*"\\]) | declared (products/orders/product.yaml:${LINES.email_sha256}) |`,
      ),
    );
    expect(rows).toContainEqual(
      expect.stringContaining('| masked | allowed (default\\["\\*"\\]\\["\\*"\\]) | no product |'),
    );
  });

  it('html groups by service without product files, each row in the same words', async () => {
    const dir = makeTree(FILES);
    const html = (await runCli(['scan', 'orders', 'gateway', '-f', 'html'], dir)).stdout;
    expect([...html.matchAll(/<tr class="group"><th colspan="11">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual([
      'service orders (2 findings)',
      'service gateway (1 finding)',
    ]);
    expect(html).toContain('<td>direct identifier, standard</td><td>email</td><td>pseudonymised (hashed)</td>');
    expect(html).not.toContain('no product');
  });
});
