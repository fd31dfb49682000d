// Data-product files in both pii_fields forms (names, and {name, type, method} entries), shared by
// the declaration tests on files, PostgreSQL and S3.

/** The orders product: email declared by name, the rest with their form. `ssn` is never found. */
export const ORDERS_PRODUCT = `name: orders
owner: orders-team
privacy:
  pii: true
  pii_classification: confidential
  pii_fields:
    - email
    - name: email_sha256
      type: pseudonymized
      original_field: email
      method: sha256
    - name: phone
      type: masked
      method: partial_mask
    - name: ssn
      type: pseudonymized
      method: sha256
  bronze_retention_days: 30
  retention_period: 365d
`;

/** Lines of ORDERS_PRODUCT: the `pii` key, and each declared field. */
export const LINES = { pii: 4, email: 7, email_sha256: 8, phone: 12, ssn: 15, bronze: 18, period: 19 };

export const WEB_PRODUCT = 'name: web\nprivacy:\n  pii: false\n';

/** Rows of the orders data: a declared email, an md5 where sha256 is declared, a plain phone, an undeclared email. */
export function ordersRows(): Array<{ email: string; email_sha256: string; phone: string; contact_email: string }> {
  return Array.from({ length: 6 }, (_, i) => ({
    email: `buyer${i}@example.com`,
    email_sha256: `${'0123456789abcdef'.repeat(2).slice(i)}${'f'.repeat(i)}`,
    phone: '+44 20 7946 0958',
    contact_email: `contact${i}@example.com`,
  }));
}

/** Field → declaration status and line that every source must give. */
export const EXPECTED_STATUSES = {
  email: `declared ${LINES.email}`,
  email_sha256: `violated ${LINES.email_sha256}`,
  phone: `violated ${LINES.phone}`,
  contact_email: `undeclared ${LINES.pii}`,
};
