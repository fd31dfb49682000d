// Every detector's examples, and the template's, through the column path (issue 15): column
// batches as connectors fill them (strings and UTF-8 bytes), the engine, the column verdicts.
// Each example's value, as a column holds it (what a pattern matched), goes in a column named by
// the example's hint, else by the detector's first field name: alone, and among ordinary values
// of that column, it must come out as the line path finds it in the example. Among ordinary
// values a batch takes the fast path where the first value's verdict stands for all unless
// `unusualValue` flags a value: an `unusualValue` that misses an example fails here (the last
// tests check that it would). Values that a column cannot hold by nature are listed, with why.
import { describe, expect, it } from 'vitest';
import type { Detector } from '../../../src/engine/detector.js';
import { detectors } from '../../../detectors/index.js';
import { template } from '../../../detectors/_template.js';
import { createDetectorSet, type DetectorSet } from '../../../src/engine/detector-set.js';
import { mismatches, negativeValues, ordinaryValuesFor, positiveValue, type ColumnValue } from './column-cases.js';

/** Values that a column cannot hold as they are by nature, and why. Each must still behave as said. */
interface Exception {
  detector: string;
  values: string[];
  reason: string;
}

/** Positive examples whose value is one by the text around it, which a column value has not: not found alone. */
const FOUND_ONLY_IN_TEXT: Exception[] = [
  {
    detector: 'secret',
    values: ['9f8Kq2LmZx7Vt4Rw1Ys6Pb3Nd0Hc5Jg'],
    reason: 'a bearer token is one by the `Bearer` before it',
  },
  // A column named for secrets (`api_key`) names no detector: `secret` has no field names.
  {
    detector: 'secret',
    values: ['Zx8Qv2Lm9Tr4Wp7Ks1Nb6Yc3Hd5Fg0', '4f9a1c7e2b8d3f6a0e5c9b7d1a3f8e2c'],
    reason: 'a keyed secret is one by the secret-named key before it',
  },
];

/** Negative examples whose value is not one by the text around it: under a column named for the kind, it is one. */
const NEGATIVE_ONLY_IN_TEXT: Exception[] = [
  {
    detector: 'credit_card',
    values: ['4111111111111111', '4111 1111 1111 1111', '5555 5555 5555 4444'],
    reason: 'a valid number that the text puts inside a UUID, a decimal or an IBAN, or under an id or ref key',
  },
  {
    detector: 'email',
    values: [
      '20261101100000.12345@mail.example.com',
      'CAF8c1x-Ab9@mail.example.com',
      'a1@mail.example.com',
      'b2.c3@mail.example.com',
      '5f8a9b3c.20261101100000@relay.example.com',
    ],
    reason: 'a Message-ID by the header or the angle brackets around it',
  },
  {
    detector: 'email',
    values: ['s3cr3tT0ken@git.example.com', 'M0ng0Pass@cluster0.example.net'],
    reason: "a URL's password and host by the scheme before them",
  },
  {
    detector: 'iban',
    values: ['GB82WEST12345698765432'],
    reason: 'a valid IBAN that the text puts inside a file name',
  },
  { detector: 'ip_address', values: ['10.0.0.0', '192.168.0.0'], reason: 'a network by the prefix length after it' },
  {
    detector: 'ip_address',
    values: ['10.2.0.17', '4.1.100.1', '10.20.30.40'],
    reason: 'a version by its key or label, its suffix or the package before it',
  },
  // A column named for servers (`server_ip`) is dropped by the detector's column rule instead.
  {
    detector: 'ip_address',
    values: ['10.2.3.4', '10.2.3.5', '10.0.0.5', '10.1.2.3', '10.0.0.2'],
    reason: "a server's address by the key or the word before it",
  },
  {
    detector: 'phone',
    values: ['1730455200', '1234567890', '2025550143', '02079460958', '0301 2345 6780', '0202 5550 1430'],
    reason:
      'a valid number that the text calls a time, an order, a count or a key, or puts inside a longer number or an IBAN',
  },
  { detector: 'uk_nino', values: ['ab123456c'], reason: 'a valid number that the text puts inside a longer token' },
  {
    detector: 'us_ssn',
    values: ['536221234', '536-22-1234', '536 22 1234'],
    reason: 'a valid number without an SSN context word (or under a SIN key), or inside a longer number or id',
  },
  {
    detector: 'au_tfn',
    values: ['123456782'],
    reason: 'a valid number without a TFN context word, or under a count key',
  },
  {
    detector: 'br_cpf',
    values: ['11144477735', '529.982.247-25'],
    reason: 'a valid number without a CPF context word, inside a version or under a ref key',
  },
  {
    detector: 'ca_sin',
    values: ['130692544', '130 692 544'],
    reason: 'a valid number without a SIN context word, inside a longer number or under a ref key',
  },
  { detector: 'de_tax_id', values: ['86095742719'], reason: 'a valid number without a Steuer-ID context word' },
  {
    detector: 'es_dni',
    values: ['12345678Z'],
    reason: 'a valid number that the text puts inside a build tag or under a ref key',
  },
  {
    detector: 'fr_nir',
    values: ['184127645108946'],
    reason: 'a valid number that the text puts inside a longer token or under a ref key',
  },
  {
    detector: 'imei',
    values: ['490154203237518'],
    reason: 'a valid number without an IMEI context word, or under an id key',
  },
  {
    detector: 'in_aadhaar',
    values: ['234123412346', '9999-4105-7058', '2341 2341 2346'],
    reason: 'a valid number without an Aadhaar context word, under a ref key or labelled as a tracking number',
  },
  {
    detector: 'in_pan',
    values: ['AAAPL1234C'],
    reason: 'a valid number that the text puts inside a build tag or under a ref key',
  },
  {
    detector: 'nl_bsn',
    values: ['111222333', '111 222 333'],
    reason: 'a valid number without a BSN context word, under an id key or inside a longer number',
  },
  {
    detector: 'passport',
    values: ['340020013'],
    reason: 'a number without a passport context word, or under a ref key',
  },
  { detector: 'uk_nhs', values: ['943 476 5919'], reason: 'a valid number without an NHS context word' },
  {
    detector: 'date_of_birth',
    values: ['2023-04-07', '1985-03-02', '2019-08-14', '14 Aug 2019'],
    reason:
      'a plausible date that the text gives no birth word, puts under another date key, input or label cell, or inside a file name',
  },
  {
    detector: 'person_name',
    values: ['Grant Stone', 'Jane', 'Doe', 'Jane Doe', 'To', 'Grace', 'Olivia Hughes', 'Maria Garcia'],
    reason:
      'a name that the text puts under a class or display key, inside a handle or file name, alone after a mail header, or with no cue before it',
  },
  {
    detector: 'postal_address',
    values: [
      '12 Main St',
      '221B Baker Street',
      '3 Main Street',
      '12 Main St, Springfield, IL 00000',
      '221B Baker Street, London QV1 6XE',
    ],
    reason: 'a street line that the text gives no address word, or follows with an invalid postcode',
  },
  {
    detector: 'postal_code',
    values: ['94105'],
    reason: 'a valid code that the text counts in bytes or puts under an id key',
  },
  {
    detector: 'member_number',
    values: ['45678901', 'M12345678'],
    reason: 'a valid number without a member context word, inside a file name or under a ref key',
  },
];

const registered = createDetectorSet(detectors);
const exceptionOf = (v: ColumnValue) =>
  (v.expected === undefined ? NEGATIVE_ONLY_IN_TEXT : FOUND_ONLY_IN_TEXT).find(
    (e) => e.detector === v.detector.id && e.values.includes(v.value),
  );

/** A detector's example values, and the ordinary ones: plaintext values a column holds as they are. */
function valuesOf(d: Detector) {
  const positive = d.examples.positive.map((e) => positiveValue(d, e)).filter((v): v is ColumnValue => v !== undefined);
  const negative = d.examples.negative.flatMap((e) => negativeValues(d, e));
  const ordinary = positive.filter((v) => v.expected?.form === 'plaintext' && exceptionOf(v) === undefined);
  return { all: [...positive, ...negative], ordinary };
}

/**
 * An example's value in the batches it goes through: alone, and among ordinary values of its column
 * (first, and between them).
 */
function batchesOf(set: DetectorSet, value: ColumnValue, ordinary: readonly ColumnValue[]): ColumnValue[][] {
  const others = ordinaryValuesFor(set, value, ordinary).map((o) => ({ ...o, column: value.column }));
  return [[value], [value, ...others], [...others, value, ...others]];
}

/** Everything the column path gets wrong for these values, in both value encodings. */
function mismatchesOf(set: DetectorSet, values: readonly ColumnValue[], ordinary: readonly ColumnValue[]): string[] {
  return values.flatMap((v) =>
    batchesOf(set, v, ordinary).flatMap((rows) => [
      ...mismatches(set, rows, 'strings'),
      ...mismatches(set, rows, 'bytes'),
    ]),
  );
}

const examined = [...detectors, template].map((d) => ({ d, ...valuesOf(d) }));

for (const { d, all, ordinary } of examined) {
  const set = detectors.includes(d) ? registered : createDetectorSet([...detectors, d]);
  describe(d.id, () => {
    for (const v of all) {
      const exception = exceptionOf(v);
      const found = v.expected === undefined ? 'ignores' : 'finds';
      if (exception === undefined) {
        it(`${found} ${JSON.stringify(v.value)} in column ${v.column} (from ${JSON.stringify(v.text)})`, () => {
          if (found === 'finds') expect(v.expected).toBeDefined();
          expect(mismatchesOf(set, [v], ordinary)).toEqual([]);
        });
      } else {
        it(`${found === 'finds' ? 'does not find' : 'reports'} ${JSON.stringify(v.value)} in column ${v.column} alone: ${exception.reason}`, () => {
          expect(mismatches(set, [v], 'strings')).toHaveLength(1);
          expect(mismatches(set, [v], 'bytes')).toHaveLength(1);
        });
      }
    }
  });
}

describe('the exceptions and the test itself', () => {
  it('lists only values of the examples', () => {
    for (const [list, positive] of [
      [FOUND_ONLY_IN_TEXT, true],
      [NEGATIVE_ONLY_IN_TEXT, false],
    ] as const) {
      for (const e of list) {
        const values = examined
          .find(({ d }) => d.id === e.detector)
          ?.all.filter((v) => (v.expected !== undefined) === positive)
          .map((v) => v.value);
        expect(values, e.detector).toEqual(expect.arrayContaining(e.values));
      }
    }
  });

  // A detector whose unusualValue flags nothing: a batch of values one pattern matches whole is
  // then judged by its first value, which this test must catch on some example.
  for (const { d, all, ordinary } of examined.filter(({ d }) => d.unusualValue !== undefined)) {
    it(`fails when ${d.id}'s unusualValue misses every value`, () => {
      const blind: Detector = { ...d, unusualValue: '$.^' };
      const set = createDetectorSet(
        detectors.includes(d) ? detectors.map((r) => (r === d ? blind : r)) : [...detectors, blind],
      );
      expect(
        mismatchesOf(
          set,
          all.filter((v) => exceptionOf(v) === undefined),
          ordinary,
        ),
      ).not.toEqual([]);
    });
  }
});
