/** The detector registry, alphabetised by id. A registry test checks it against the files here. */
import type { Detector } from '../src/engine/detector.js';
import { auTfn } from './au-tfn.js';
import { brCpf } from './br-cpf.js';
import { caSin } from './ca-sin.js';
import { creditCard } from './credit-card.js';
import { dateOfBirth } from './date-of-birth.js';
import { deTaxId } from './de-tax-id.js';
import { email } from './email.js';
import { esDni } from './es-dni.js';
import { frNir } from './fr-nir.js';
import { iban } from './iban.js';
import { imei } from './imei.js';
import { inAadhaar } from './in-aadhaar.js';
import { inPan } from './in-pan.js';
import { ipAddress } from './ip-address.js';
import { macAddress } from './mac-address.js';
import { nlBsn } from './nl-bsn.js';
import { passport } from './passport.js';
import { personName } from './person-name.js';
import { phone } from './phone.js';
import { postalAddress } from './postal-address.js';
import { postalCode } from './postal-code.js';
import { secret } from './secret.js';
import { ukNhs } from './uk-nhs.js';
import { ukNino } from './uk-nino.js';
import { usSsn } from './us-ssn.js';

export const detectors: readonly Detector[] = [
  auTfn,
  brCpf,
  caSin,
  creditCard,
  dateOfBirth,
  deTaxId,
  email,
  esDni,
  frNir,
  iban,
  imei,
  inAadhaar,
  inPan,
  ipAddress,
  macAddress,
  nlBsn,
  passport,
  personName,
  phone,
  postalAddress,
  postalCode,
  secret,
  ukNhs,
  ukNino,
  usSsn,
];
