import type { Detector, MatchContext, ValidationResult } from '../src/engine/detector.js';
import { maskWords } from '../src/engine/mask.js';
import { postalCodeProblem, UK_POSTCODE, US_STATES } from '../src/engine/postal-codes.js';
import { isInsideToken } from '../src/engine/token-bounds.js';

const WORD = String.raw`[A-Z][A-Za-z0-9'-]*\.?`;
const US_SUFFIX = String.raw`(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl)\.?(?: (?:N|S|E|W|NE|NW|SE|SW)\b)?`;
const UK_SUFFIX = String.raw`(?:Street|St|Road|Rd|Lane|Avenue|Ave|Close|Drive|Way|Gardens|Crescent|Place|Square|Terrace|Grove|Hill|Mews|Row|Court|Park|Walk|Green)\.?`;
const UNIT = String.raw`(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Flat|#)\.? ?[A-Za-z0-9-]+)?`;
const TOWN = String.raw`[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}`;
/** German street names end in a street word (`Hauptstraße`, `Am Mühlenweg`, `Berliner Allee`). */
const DE_SUFFIX = String.raw`(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee|(?: (?:Straße|Strasse|Str\.|Weg|Platz|Allee|Gasse|Ring|Damm)))`;
/** After a preposition (`Am Sonnenhang`, `Zur Linde`) a German street needs no street word. */
const DE_STREET = String.raw`(?:(?:Am|An der|Im|In der|Auf der|Zum|Zur) [A-ZÄÖÜ][\pL.-]*${DE_SUFFIX}?|[A-ZÄÖÜ][\pL.-]*${DE_SUFFIX})`;

function validateAddress(value: string, context: MatchContext): ValidationResult {
  if (isInsideToken(context)) return { status: 'invalid', reason: 'part of a larger token' };
  if (/^0+\b/.test(value)) return { status: 'invalid', reason: 'house number 0' };
  const code = new RegExp(String.raw`(\d{5}(?:-\d{4})?|${UK_POSTCODE})(?:\D*)$`).exec(value)?.[1];
  const german = /\b(\d{5}) \p{L}+[\p{L} -]*$/u.exec(value)?.[1];
  const problem = postalCodeProblem(german ?? code ?? '');
  if (code === undefined && german === undefined) return { status: 'none' };
  return problem === undefined
    ? { status: 'valid', check: 'postal-code-format' }
    : { status: 'invalid', reason: problem };
}

export const postalAddress: Detector = {
  id: 'postal_address',
  description:
    'Postal addresses: US (number, street, city, state, ZIP), UK (with a valid postcode) and German (street, number, PLZ, town); a street line alone under an address field',
  category: 'location',
  sensitivity: 'standard',
  identifier: 'direct',
  patterns: [
    {
      name: 'postal_address.us',
      regex: String.raw`\b\d{1,6}(?: ${WORD}){1,4} ${US_SUFFIX}${UNIT},? ${TOWN},? (?:${US_STATES}),? \d{5}(?:-\d{4})?\b`,
      // Stage one looks for the address's end alone: the whole pattern's counted words make
      // RE2's DFA large, and the state and ZIP are rare enough in logs.
      prefilter: String.raw` (?:${US_STATES}),? \d{5}`,
      score: 0.6,
    },
    {
      name: 'postal_address.uk',
      regex: String.raw`\b\d{1,4}[A-Z]?(?: ${WORD}){1,4} ${UK_SUFFIX}${UNIT},?(?: ${TOWN},?){1,2} ${UK_POSTCODE}\b`,
      prefilter: String.raw` ${UK_POSTCODE}\b`,
      score: 0.6,
    },
    {
      name: 'postal_address.de',
      regex: String.raw`${DE_STREET} \d{1,4}[a-z]?,? \d{5} [A-ZÄÖÜ][\pL]+(?:[ -][A-ZÄÖÜa-z][\pL]+)?`,
      prefilter: String.raw`(?i:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee) \d{1,4}[a-z]?,? \d{5} `,
      score: 0.6,
    },
    {
      name: 'postal_address.street',
      regex: String.raw`\b\d{1,6}[A-Z]?(?: ${WORD}){1,4} (?:${US_SUFFIX}|${UK_SUFFIX})${UNIT}|${DE_STREET} \d{1,4}[a-z]?\b`,
      score: 0.4,
      context: 'required',
    },
  ],
  contextWords: [
    'address',
    'addr',
    'street',
    'shipping',
    'billing',
    'ship to',
    'mailing',
    'residence',
    'anschrift',
    'adresse',
    'wohnort',
    'lieferadresse',
  ],
  fieldNames: [
    'address',
    'addr',
    'street',
    'streetaddress',
    'addressline',
    'address1',
    'address2',
    'shippingaddress',
    'billingaddress',
    'homeaddress',
    'anschrift',
    'adresse',
    'strasse',
  ],
  validate: validateAddress,
  mask: maskWords,
  column: {
    minShare: 0,
    otherKinds: [],
    notPersonal: [
      'ip',
      'mac',
      'email',
      'server',
      'host',
      'remote',
      'wallet',
      'contract',
      'memory',
      'bind',
      'listen',
      'proxy',
    ],
  },
  examples: {
    positive: [
      {
        text: 'ship to 1600 Pennsylvania Avenue NW, Washington, DC 20500',
        value: '1600 Pennsylvania Avenue NW, Washington, DC 20500',
      },
      {
        text: 'billing: 123 Main St, Apt 4B, Springfield, IL 62704-1234',
        value: '123 Main St, Apt 4B, Springfield, IL 62704-1234',
      },
      { text: 'deliver to 221B Baker Street, London NW1 6XE today', value: '221B Baker Street, London NW1 6XE' },
      {
        text: '{"address":"10 Downing Street, Westminster, London SW1A 2AA"}',
        value: '10 Downing Street, Westminster, London SW1A 2AA',
      },
      { text: 'Lieferadresse: Musterstraße 12, 10115 Berlin', value: 'Musterstraße 12, 10115 Berlin' },
      { text: 'Am Mühlenweg 3a, 80331 München', value: 'Am Mühlenweg 3a, 80331 München' },
      { text: 'Anschrift: Zur Linde 4, 01067 Dresden', value: 'Zur Linde 4, 01067 Dresden' },
      { text: '{"anschrift":"Am Sonnenhang 12b, 04109 Leipzig"}', value: 'Am Sonnenhang 12b, 04109 Leipzig' },
      { text: '742 Evergreen Terrace', hint: 'street_address', value: '742 Evergreen Terrace' },
      { text: 'street: 42 Wallaby Way, second floor', value: '42 Wallaby Way' },
    ],
    negative: [
      {
        text: 'parcel for 12 Main St, Springfield, IL 00000',
        reason: 'no US ZIP or German PLZ starts with 00',
      },
      {
        text: 'deliver to 221B Baker Street, London QV1 6XE',
        reason: 'letters Royal Mail never uses in that place',
      },
      {
        text: 'retried 3 Main Street handlers',
        reason: 'a street-like phrase with no address word or field',
      },
      { text: 'listening on 0.0.0.0:8080, remote_address=10.0.0.5', reason: 'a network address' },
      {
        text: 'moved to New York, NY 10001 last year',
        reason: 'a city, state and ZIP without a street',
      },
    ],
  },
};
