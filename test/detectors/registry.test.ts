// The detector registry and the rules every detector file follows.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.js';
import { template } from '../../detectors/_template.js';
import { checkPattern } from '../../src/engine/regex.js';

const root = path.resolve(import.meta.dirname, '../..');
/** The template for new detectors (detectors/_template.ts): checked as a detector is, never registered. */
const TEMPLATE_FILE = '_template.ts';
const detectorFiles = readdirSync(path.join(root, 'detectors')).filter(
  (f) => f.endsWith('.ts') && f !== 'index.ts' && f !== TEMPLATE_FILE,
);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

describe('detector registry', () => {
  it('is alphabetised by id, with unique ids', () => {
    const ids = detectors.map((d) => d.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has one file per detector, named after its id', () => {
    expect(detectorFiles.sort()).toEqual(detectors.map((d) => `${d.id.replace(/_/g, '-')}.ts`).sort());
  });

  it('covers the detectors the product promises', () => {
    expect(detectors.map((d) => d.id)).toEqual([
      'au_tfn',
      'br_cpf',
      'ca_sin',
      'credit_card',
      'date_of_birth',
      'de_tax_id',
      'email',
      'es_dni',
      'fr_nir',
      'iban',
      'imei',
      'in_aadhaar',
      'in_pan',
      'ip_address',
      'mac_address',
      'nl_bsn',
      'passport',
      'person_name',
      'phone',
      'postal_address',
      'postal_code',
      'secret',
      'uk_nhs',
      'uk_nino',
      'us_ssn',
    ]);
  });

  it('does not register the template', () => {
    expect(readdirSync(path.join(root, 'detectors'))).toContain(TEMPLATE_FILE);
    expect(detectors).not.toContain(template);
    expect(detectors.map((d) => d.id)).not.toContain(template.id);
    expect(readFileSync(path.join(root, 'detectors', 'index.ts'), 'utf8')).not.toContain(
      TEMPLATE_FILE.replace('.ts', ''),
    );
  });

  for (const d of [...detectors, template]) {
    describe(d === template ? `${d.id} (the template)` : d.id, () => {
      it('has at least three positive and three negative examples, each negative with a reason', () => {
        expect(d.examples.positive.length).toBeGreaterThanOrEqual(3);
        expect(d.examples.negative.length).toBeGreaterThanOrEqual(3);
        for (const n of d.examples.negative) expect(n.reason.trim()).not.toBe('');
      });

      it('has RE2 patterns with unique names, scores in 0..1 and no capture group but `value`', () => {
        const names = d.patterns.map((p) => p.name);
        expect(new Set(names).size).toBe(names.length);
        for (const p of d.patterns) {
          expect(p.name.startsWith(`${d.id}.`)).toBe(true);
          expect(checkPattern(p.regex)).toBeUndefined();
          expect(p.score).toBeGreaterThan(0);
          expect(p.score).toBeLessThanOrEqual(1);
          const groups = p.regex
            .replace(/\\\\/g, '')
            .replace(/\\\(/g, '')
            .replace(/\[[^\]]*\]/g, '')
            .match(/\((?!\?:|\?P<value>|\?i\))/g);
          expect(groups, `${p.name} has a capturing group`).toBeNull();
        }
      });

      it('describes itself and lists lowercase context words', () => {
        expect(d.description.length).toBeGreaterThan(20);
        for (const w of [...d.contextWords, ...d.fieldNames]) expect(w).toBe(w.toLowerCase());
      });
    });
  }

  it('is listed whole in the report schema and in the README table, with the same category, sensitivity and identifier', () => {
    const schema = JSON.parse(readFileSync(path.join(root, 'src/report/report.schema.json'), 'utf8')) as {
      $defs: { detectorId: { enum: string[] } };
    };
    expect(schema.$defs.detectorId.enum).toEqual(detectors.map((d) => d.id));
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `([a-z_]+)` \| ([a-z_]+) \| ([a-z]+) \| ([a-z]+) \|/gm)].map((m) =>
      m.slice(1, 5),
    );
    expect(rows).toEqual(detectors.map((d) => [d.id, d.category, d.sensitivity, d.identifier]));
  });

  it('imports re2 in exactly one module', () => {
    const importers = [...sourceFiles('src'), ...sourceFiles('detectors')].filter((f) =>
      /from 're2'/.test(readFileSync(path.join(root, f), 'utf8')),
    );
    expect(importers).toEqual([path.join('src', 'engine', 'regex.ts')]);
  });
});
