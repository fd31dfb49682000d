/**
 * Postal code rules shared by postal_address and postal_code: what each country's format rules
 * out, with the reason a reader can check.
 */

/** US state and territory codes USPS uses in addresses. */
export const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI';

/** A UK postcode as written (RE2): outward code, optional space, inward code. */
export const UK_POSTCODE = String.raw`[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}`;

/**
 * Royal Mail's rules: the first letter is never Q, V or X, a second letter never I, J or Z, and
 * the inward code's letters never C, I, K, M, O or V.
 */
const UK_RULES = /^[A-PR-UWYZ](?:[A-HK-Y]?\d[A-Z\d]?) ?\d[ABD-HJLNP-UW-Z]{2}$/;

/** Why a postal code cannot be one, or undefined when it can. */
export function postalCodeProblem(code: string): string | undefined {
  if (/^\d{5}(?:-\d{4})?$/.test(code))
    return code.startsWith('00') ? 'no US ZIP or German PLZ starts with 00' : undefined;
  return UK_RULES.test(code) ? undefined : 'letters Royal Mail never uses in that place';
}
