/** The detector registry, alphabetised by id. A registry test checks it against the files here. */
import type { Detector } from '../src/engine/detector.js';
import { creditCard } from './credit-card.js';
import { dateOfBirth } from './date-of-birth.js';
import { email } from './email.js';
import { iban } from './iban.js';
import { ipAddress } from './ip-address.js';
import { personName } from './person-name.js';
import { phone } from './phone.js';
import { postalAddress } from './postal-address.js';
import { postalCode } from './postal-code.js';
import { secret } from './secret.js';
import { ukNino } from './uk-nino.js';
import { usSsn } from './us-ssn.js';

export const detectors: readonly Detector[] = [
  creditCard,
  dateOfBirth,
  email,
  iban,
  ipAddress,
  personName,
  phone,
  postalAddress,
  postalCode,
  secret,
  ukNino,
  usSsn,
];
