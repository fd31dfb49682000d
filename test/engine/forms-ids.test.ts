// Masked and hashed forms of the national and device ids (issue 16), through the line path (a
// JSON field named for the kind) and the column path (a column so named): a masked value is
// `masked` and a digest under a `*_sha256` name is `hashed`, of that kind and no other.
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.js';
import { createDetectorSet } from '../../src/engine/detector-set.js';
import { analyzeLine } from '../../src/engine/analyze-line.js';
import { scanColumn } from './column/column-path.js';

const set = createDetectorSet(detectors);
const SHA256 = '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae';

/** Per kind: a column (and key) named for it, and a value masked as systems store it. */
const CASES: Array<[detector: string, column: string, masked: string]> = [
  ['au_tfn', 'tfn', '*** *** 782'],
  ['br_cpf', 'cpf', '***.982.247-**'],
  ['ca_sin', 'sin', '***-***-789'],
  ['ca_sin', 'social_insurance_no', '***-***-789'],
  ['de_tax_id', 'steuer_idnr', '********719'],
  ['es_dni', 'dni', '*****678Z'],
  ['fr_nir', 'nir', '1841276********'],
  ['imei', 'imei', '***********7518'],
  ['in_aadhaar', 'aadhaar', 'XXXX XXXX 2346'],
  ['in_pan', 'pan_number', 'AAAPL****C'],
  ['mac_address', 'mac', '00:00:5e:**:**:**'],
  ['nl_bsn', 'bsn', '******333'],
  ['passport', 'passport_number', '******013'],
  ['uk_nhs', 'nhs_number', '*** *** 5919'],
  // Keys of several words, which a line's first stage reads as written (`date_of_birth`, not dateofbirth).
  ['au_tfn', 'tax_file_number', '*** *** 782'],
  ['ca_sin', 'social_insurance_number', '***-***-789'],
  ['date_of_birth', 'date_of_birth', '**/**/1985'],
  ['de_tax_id', 'steuer_id', '********719'],
  ['fr_nir', 'numero_secu', '1841276********'],
  ['person_name', 'full_name', 'J*** D**'],
  ['postal_code', 'postal_code', '9****'],
];

const inLine = (line: string) =>
  analyzeLine(set, { text: line, line: 1 }, { showValues: false, serviceField: 'service' }).map(
    (o) => `${o.detector}:${o.form}`,
  );
const inColumn = (column: string, value: string) => [
  ...new Set(
    scanColumn({ set, column, values: [value, value], encoding: 'strings' }).map((o) => `${o.detector}:${o.form}`),
  ),
];

describe('masked and hashed national and device ids', () => {
  it('covers every detector of issue 16 and keys of several words', () => {
    const ids = detectors.map((d) => d.id);
    for (const [id] of CASES) expect(ids).toContain(id);
  });

  for (const [id, column, masked] of CASES) {
    it(`${id}: ${JSON.stringify(masked)} under ${column} is masked, a digest under ${column}_sha256 hashed`, () => {
      expect(inLine(JSON.stringify({ [column]: masked }))).toEqual([`${id}:masked`]);
      expect(inLine(JSON.stringify({ [`${column}_sha256`]: SHA256 }))).toEqual([`${id}:hashed`]);
      expect(inColumn(column, masked)).toEqual([`${id}:masked`]);
      expect(inColumn(`${column}_sha256`, SHA256)).toEqual([`${id}:hashed`]);
    });
  }
});
