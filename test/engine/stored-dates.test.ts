// A birth date stored as a DATE column comes out of drivers and ORMs as midnight
// (`1961-08-14T00:00:00Z`): under a key or column named for a birth date it is a birth date;
// any other timestamp, or midnight under any other key or column, is not.
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.js';
import { createDetectorSet } from '../../src/engine/detector-set.js';
import { analyzeLine } from '../../src/engine/analyze-line.js';

const set = createDetectorSet(detectors);
const births = (text: string, hint?: string) =>
  analyzeLine(
    set,
    { text, line: 1, ...(hint ? { hint, template: false } : {}) },
    { showValues: true, serviceField: 'service' },
  )
    .filter((o) => o.detector === 'date_of_birth')
    .map((o) => o.sample);

describe('birth dates stored as midnight', () => {
  it.each([
    ['{"member":{"dateOfBirth":"1972-01-31T00:00:00.000Z"}}', undefined],
    ['export birth_date=1972-01-31 00:00:00 ok', undefined],
    ['dob: 1972-01-31T00:00:00+00:00', undefined],
    ['Parameters: {"p"=>{"geburtsdatum"=>"1972-01-31T00:00"}}', undefined],
    ['1972-01-31T00:00:00Z', 'date_of_birth'],
    ['1972-01-31 00:00:00.000', 'customer_dob'],
  ])('reads %s (column %s) as the birth date', (text, hint) => {
    expect(births(text, hint)).toEqual(['1972-01-31']);
  });

  it.each([
    ['{"member":{"createdAt":"1972-01-31T00:00:00.000Z"}}', undefined],
    ['dob check done at 2024-01-31T00:00:00Z', undefined],
    ['birth_date=1972-01-31T08:15:00Z', undefined],
    ['birth_date=1972-01-31 00:00:01', undefined],
    ['1972-01-31T00:00:00Z', 'expires_at'],
    ['1972-01-31 00:00:00', 'updated_at'],
    ['1972-01-31T14:00:00Z', 'dob'],
  ])('takes %s (column %s) for no birth date', (text, hint) => {
    expect(births(text, hint)).toEqual([]);
  });
});
