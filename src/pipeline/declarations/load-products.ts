/**
 * Reads data-product files by glob. A file that cannot be parsed is a one-line error naming it;
 * what is not a product's (other keys) is ignored, because product files carry much else.
 */
import { glob, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { UserError } from '../../errors/user-error.js';
import type { DeclaredField, DeclaredType, Product } from './product.js';

const TYPES: Record<string, DeclaredType> = {
  pseudonymized: 'pseudonymized',
  pseudonymised: 'pseudonymized',
  hashed: 'pseudonymized',
  tokenized: 'pseudonymized',
  masked: 'masked',
  plaintext: 'plaintext',
};

function lineOf(node: Node | null | undefined, lines: LineCounter): number {
  const offset = node?.range?.[0];
  return offset === undefined ? 1 : lines.linePos(offset).line;
}

function toField(item: unknown, lines: LineCounter, file: string): DeclaredField {
  const line = lineOf(item as Node, lines);
  if (isScalar(item)) return { name: String(item.value), type: 'plaintext', line };
  if (!isMap(item)) throw new UserError(`${file}:${line}: a pii_fields entry is a name or {name, type, method}`);
  const get = (key: string) => {
    const v: unknown = item.get(key);
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  };
  const name = get('name');
  const type = TYPES[(get('type') ?? 'plaintext').toLowerCase()];
  if (name === undefined || type === undefined)
    throw new UserError(`${file}:${line}: a pii_fields entry needs a name and a type of pseudonymized or masked`);
  const original = get('original_field');
  const method = get('method');
  return { name, type, line, ...(original ? { originalField: original } : {}), ...(method ? { method } : {}) };
}

export function parseProduct(text: string, file: string): Product {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) throw new UserError(`${file}: invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const root = doc.contents;
  if (!isMap(root)) throw new UserError(`${file}: not a data-product file (expected a mapping)`);
  const privacyNode: unknown = root.get('privacy', true);
  const privacy = isMap(privacyNode) ? privacyNode : root;
  const fieldsNode = privacy.get('pii_fields', true) ?? root.get('pii_fields', true);
  const fields = isSeq(fieldsNode) ? fieldsNode.items.map((item) => toField(item, lines, file)) : [];
  const piiNode = privacy.get('pii', true) ?? root.get('pii', true);
  const pii = isScalar(piiNode) ? piiNode.value !== false && piiNode.value !== 'false' : fields.length > 0;
  const name = root.get('name') ?? root.get('product') ?? path.basename(path.dirname(file));
  const classification = privacy.get('pii_classification') ?? root.get('pii_classification');
  const bronzeNode = privacy.get('bronze_retention_days', true) ?? root.get('bronze_retention_days', true);
  const periodNode = privacy.get('retention_period', true) ?? root.get('retention_period', true);
  const bronze: unknown = isScalar(bronzeNode) ? bronzeNode.value : undefined;
  const period: unknown = isScalar(periodNode) ? periodNode.value : undefined;
  return {
    name: String(name),
    file,
    pii,
    line: lineOf(piiNode ?? root.get('name', true), lines),
    fields,
    ...(typeof classification === 'string' ? { classification } : {}),
    ...(bronze === undefined && period === undefined
      ? {}
      : {
          retention: {
            ...(bronze === undefined ? {} : { bronzeDays: Number(bronze), bronzeLine: lineOf(bronzeNode, lines) }),
            ...(typeof period === 'string' || typeof period === 'number'
              ? { period: String(period), periodLine: lineOf(periodNode, lines) }
              : {}),
          },
        }),
  };
}

/** Every product file the globs find under `cwd`, parsed, in path order. */
export async function loadProducts(globs: readonly string[], cwd: string): Promise<Product[]> {
  const files: string[] = [];
  for await (const file of glob([...globs], { cwd })) files.push(file);
  files.sort();
  if (files.length === 0) throw new UserError(`--declarations ${globs.join(',')}: no product file matches`);
  return Promise.all(files.map(async (file) => parseProduct(await readFile(path.resolve(cwd, file), 'utf8'), file)));
}
