// An SQL INSERT with a column list names each value by its place in a row: the column is the
// value's key, as `column=value` would be, for context words and for the rules that read keys.
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.js';
import { createDetectorSet } from '../../src/engine/detector-set.js';
import { analyzeLine } from '../../src/engine/analyze-line.js';
import { insertKeyBefore } from '../../src/engine/sql-insert.js';

const set = createDetectorSet(detectors);
const found = (line: string) =>
  analyzeLine(set, { text: line, line: 1 }, { showValues: true, serviceField: 'service' }).map(
    (o) => `${o.detector} ${o.sample}`,
  );

describe('the column of an INSERT value', () => {
  const line = "INSERT INTO t (id, `bsn`, \"note\") VALUES (1, '111222333', 'it''s, (ok)'), (2, '123 456 782', NULL);";
  it('is the column at the value’s place in its row, in every row', () => {
    expect(insertKeyBefore(line, line.indexOf('111'))).toBe("bsn='");
    expect(insertKeyBefore(line, line.indexOf('123 456'))).toBe("bsn='");
    expect(insertKeyBefore(line, line.indexOf('2, '))).toBe('id=');
  });
  it('is none inside a row’s free text, past quotes and brackets in strings, or on other lines', () => {
    expect(insertKeyBefore(line, line.indexOf('s, (ok)'))).toBeUndefined();
    expect(insertKeyBefore(line, line.indexOf('NULL'))).toBe('note=');
    expect(insertKeyBefore('UPDATE t SET bsn = 111222333', 17)).toBeUndefined();
  });
});

describe('INSERT lines', () => {
  it('find a value by its column when other columns stand between', () => {
    expect(
      found(
        "INSERT INTO kyc (id, citizen_service_number, notes, created_at) VALUES (7, '111222333', 'n/a', '2026-01-02');",
      ),
    ).toEqual(['nl_bsn 111222333']);
    expect(found("insert into `t` (`id`,`passport_no`) values (9,'K47120385'),(10,'K47120386');")).toEqual([
      'passport K47120385',
      'passport K47120386',
    ]);
  });
  it('let a column named for another kind or thing rule a value out', () => {
    expect(found("INSERT INTO devices (id, firmware, created_at) VALUES (4, '10.20.30.40', '2026-01-02');")).toEqual(
      [],
    );
    expect(found("INSERT INTO patients (id, nhs_no) VALUES (5, '202-555-0143');")).toEqual([]);
  });
  it('keep the context of words inside a free-text value', () => {
    expect(found("INSERT INTO notes (id, body) VALUES (1, 'new SIN 130 692 544 on file');")).toEqual([
      'ca_sin 130 692 544',
    ]);
  });
});
