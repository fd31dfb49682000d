/**
 * Whether a match is only part of a larger token: digits inside a UUID, a hex id, a float
 * (`57.82154…`), a version, a dotted or underscored identifier or a file name are never a value
 * of their own. Validators of number-like detectors ask this of the text around their match.
 */
import type { MatchContext } from './detector.js';

/** Characters that join the parts of one token (`a716-446655440000`, `57.82`, `report_2025.csv`). */
const GLUE = new Set(['.', '_', '-']);
/** After a number a `:` joins too (`sms:2025550143:3d05`); after an address it starts a port. */
const NUMBER_GLUE_AFTER = new Set([...GLUE, ':']);

function isAlphanumeric(ch: string | undefined): boolean {
  return ch !== undefined && /^[\p{L}\p{N}]$/u.test(ch);
}

/** An alphanumeric character next to the match, or a glue character with one beyond it. */
function joins(near: string | undefined, beyond: string | undefined, glue: ReadonlySet<string>): boolean {
  return isAlphanumeric(near) || (near !== undefined && glue.has(near) && isAlphanumeric(beyond));
}

/** Whether an address (IPv4, IPv6) is part of a larger token. */
export function isAddressInsideToken(context: MatchContext): boolean {
  const { before, after } = context;
  return joins(before[before.length - 1], before[before.length - 2], GLUE) || joins(after[0], after[1], GLUE);
}

/** Whether a number (card, phone, SSN, IBAN, NINO) is part of a larger token. */
export function isInsideToken(context: MatchContext): boolean {
  const { before, after } = context;
  return (
    joins(before[before.length - 1], before[before.length - 2], GLUE) || joins(after[0], after[1], NUMBER_GLUE_AFTER)
  );
}

/**
 * An IBAN's start before a match (lowercase): country letters and check digits, then perhaps
 * groups of four, the last one space-separated (`es91 2100 `, `gb29 nwbk `). Digits after it are
 * the IBAN's, valid or not: a mistyped IBAN holds runs that pass a phone or card check by chance.
 */
const IBAN_START = /(?:^|[^a-z0-9])[a-z]{2}\d{2}(?: [a-z0-9]{4})* $/;

/** Whether a number stands inside an IBAN-shaped token (`ES91 2100 0418 4502 0005 1332`). */
export function isInsideIban(context: MatchContext): boolean {
  return IBAN_START.test(context.before);
}

/**
 * The key right before a value (`ref=`, `"transactionId":"`), lowercase, when its last word says
 * the value is an identifier or a count (`ref`, `order_id`, `seq`): such a value is not a card,
 * phone or SSN whatever its digits.
 */
const ID_KEY =
  /(?:^|[^a-z0-9])(?:[a-z0-9]+[_.-])*(?:[a-z0-9]*(?:id|ids|ref|uuid|guid)|reference|order|invoice|txn|transaction|ticket|trace|span|seq|sequence|offset|count|size|pid|port|ts|timestamp|epoch|nonce|hash|checksum|crc)["']?\s*[=:]\s*["']?$/;

/**
 * Whether the value stands under an id or count key, or after `#` (`order #2025550143`); not
 * when the key names the detector's kind (`passport_id`, `payment_card_id`).
 */
export function isUnderIdKey(context: MatchContext): boolean {
  return (context.before.endsWith('#') || ID_KEY.test(context.before)) && context.keyNamesKind?.() !== true;
}

/**
 * Name words of identifiers and codes: a column so named holds keys, not phone or card numbers.
 * Not `number`: `contact_number` and `emergency_number` hold phone numbers, and an `order_number`
 * column's chance matches are too few for its share anyway.
 */
export const ID_WORDS: readonly string[] = [
  'id',
  'ids',
  'uuid',
  'guid',
  'ref',
  'refs',
  'reference',
  'key',
  'pk',
  'fk',
  'no',
  'nr',
  'num',
  'seq',
  'sku',
  'ean',
  'upc',
  'gtin',
  'isbn',
  'barcode',
];

/**
 * Whether a grouped number continues past the match in another group of digits (`4111 1111 1111`
 * of a card's `4111 1111 1111 1111`, `123 456 789` of `0 123 456 789`): the digits are part of a
 * longer number, not one of their own.
 */
export function isInDigitGroups(context: MatchContext): boolean {
  return /\d[ -]$/.test(context.before) || /^[ -]\d/.test(context.after);
}
