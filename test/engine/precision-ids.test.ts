// Precision of the national and device ids (issue 16) on look-alikes every log has: order ids,
// timestamps, UUID fragments, versions, phone and card numbers. With every detector registered,
// none of these lines gives a finding of the new kinds; the lines with ids give exactly theirs.
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.js';
import { createDetectorSet } from '../../src/engine/detector-set.js';
import { analyzeLine } from '../../src/engine/analyze-line.js';

const set = createDetectorSet(detectors);
const found = (line: string) => [
  ...new Set(
    analyzeLine(set, { text: line, line: 1 }, { showValues: false, serviceField: 'service' })
      .filter((o) => o.form === 'plaintext')
      .map((o) => o.detector),
  ),
];

const LOOK_ALIKES = [
  'order 123456782 shipped to warehouse 4',
  'ts=1730455200123 processed 86095742719 bytes',
  '2026-11-01T10:00:00.123Z INFO job 130692544 done in 12:34:56',
  'trace 550e8400-e29b-41d4-a716-446655440000 span 2341-2341-2346-aa',
  'release 12.34.56.78 build 1234.5678.9012 deployed',
  'call +1 202 555 0143 or 943 476 5919 for support',
  'charge card 4111 1111 1111 1111 ok, amex 378282246310005',
  'invoice INV-111222333 paid, ref=490154203237518',
  'sku ABCDE1234F restocked, batch 20261101A',
  'route fe80:0:0:0:00:5e:00:53:01:1 via eth0 at 10:20:30',
];

const POSITIVES: Array<[string, string]> = [
  ['kyc: applicant SIN 130 692 544 verified', 'ca_sin'],
  ['klant bsn 111222333 geverifieerd', 'nl_bsn'],
  ['employee TFN 123 456 782 lodged', 'au_tfn'],
  ['aadhaar 2341 2341 2346 linked', 'in_aadhaar'],
  ['kyc pan AAAPL1234C verified', 'in_pan'],
  ['Steuer-ID: 86095742719', 'de_tax_id'],
  ['assuré 1 84 12 76 451 089 46 enregistré', 'fr_nir'],
  ['cliente dni 12345678Z verificado', 'es_dni'],
  ['cliente 529.982.247-25 cadastrado', 'br_cpf'],
  ['patient NHS number 943 476 5919 admitted', 'uk_nhs'],
  ['traveller passport 340020013 checked in', 'passport'],
  ['dhcp lease to 00:00:5e:00:53:01 granted', 'mac_address'],
  ['device registered imei 490154203237518', 'imei'],
];

const NEW_KINDS = new Set(POSITIVES.map(([, id]) => id));

describe('national and device ids on look-alikes', () => {
  for (const line of LOOK_ALIKES)
    it(`reports no new kind in ${JSON.stringify(line)}`, () => {
      expect(found(line).filter((id) => NEW_KINDS.has(id))).toEqual([]);
    });
  for (const [line, id] of POSITIVES)
    it(`reports exactly ${id} in ${JSON.stringify(line)}`, () => {
      expect(found(line)).toEqual([id]);
    });
});
