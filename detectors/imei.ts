/**
 * IMEI numbers of mobile devices: fifteen digits whose last is a Luhn check digit. Fifteen digits
 * are also card numbers, timestamps and ids, so an IMEI is only reported next to an IMEI word or
 * under a field named for it.
 */
import type { Detector } from '../src/engine/detector.js';
import { maskDigits } from '../src/engine/mask.js';
import { checksumVerdict, ruleOutNumber } from '../src/engine/number-checks.js';
import { isLuhnValid } from './credit-card.js';

export const imei: Detector = {
  id: 'imei',
  description: 'IMEI numbers of mobile devices next to an IMEI word or field; Luhn checked',
  category: 'device',
  sensitivity: 'standard',
  identifier: 'indirect',
  patterns: [
    {
      name: 'imei.number',
      regex: String.raw`\b\d{15}\b|\b\d{2}[ -]\d{6}[ -]\d{6}[ -]\d\b`,
      score: 0.5,
      context: 'required',
    },
    // As masked card numbers are written: under an IMEI word it is the device's.
    {
      name: 'imei.masked',
      regex: String.raw`(?:\*{10,14}|[xX]{10,14})\d{1,5}\b`,
      score: 0.6,
      form: 'masked',
      context: 'required',
    },
  ],
  // Dual-SIM devices list one IMEI a slot (`IMEI1:`, `imei2=`).
  contextWords: ['imei', 'imei number', 'handset', 'imei1', 'imei2'],
  fieldNames: ['imei', 'imeino', 'imeinumber', 'deviceimei'],
  validate(value, context) {
    const digits = value.replace(/\D/g, '');
    return ruleOutNumber(digits, context) ?? checksumVerdict(isLuhnValid(digits), 'luhn', 'Luhn');
  },
  mask: (value) => maskDigits(value, 4),
  examples: {
    positive: [
      { text: 'device registered imei 490154203237518', value: '490154203237518' },
      { text: 'IMEI: 35-693803-564380-9', value: '35-693803-564380-9' },
      { text: '{"imei":"356938035643809"}', value: '356938035643809' },
      { text: '490154203237518', hint: 'device_imei', value: '490154203237518' },
      { text: 'slot info IMEI1: 35-693803-564380-9 IMEI2: n/a', value: '35-693803-564380-9' },
      { text: 'handset imei ***********7518 blocked', value: '***********7518', form: 'masked' },
    ],
    negative: [
      { text: 'imei 490154203237519', reason: 'fails Luhn' },
      { text: 'order 490154203237518 shipped', reason: 'fifteen digits without an IMEI context' },
      { text: 'imei 000000000000000', reason: 'one digit repeated: a placeholder' },
      { text: 'imei lookup trace_id=490154203237518', reason: 'the value of an id key' },
      { text: 'imei 4901542032375180', reason: 'sixteen digits: not an IMEI' },
    ],
  },
};
