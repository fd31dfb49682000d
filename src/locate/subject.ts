/**
 * A person to locate: the identifiers a caller gives (`email=…`, `phone=…`, any detector id) and
 * the `ref` the caller names them by. Identifiers never leave this process: reports name a
 * subject by its ref or by an HMAC of its identifiers.
 */
import { createHmac } from 'node:crypto';

/** One identifier of a subject, as given. */
export interface Identifier {
  /** `email`, `phone`, or a detector id (`us_ssn`, `iban`, ...). */
  kind: string;
  value: string;
}

/** A person to find. */
export interface Subject {
  /** The caller's name for the person (`--subjects` column `ref`), when given. */
  ref?: string;
  identifiers: Identifier[];
}

/** Subjects as reports name them: their ref, or `hmac:` and the first 16 hex digits of an HMAC of their identifiers. */
export function toSubjectName(subject: Subject, key: Buffer): string {
  if (subject.ref !== undefined && subject.ref !== '') return subject.ref;
  const hmac = createHmac('sha256', key);
  for (const { kind, value } of subject.identifiers) hmac.update(`${kind}\0${value.trim().toLowerCase()}\0`);
  return `hmac:${hmac.digest('hex').slice(0, 16)}`;
}
