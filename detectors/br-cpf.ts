/**
 * Brazilian CPF numbers (Cadastro de Pessoas Físicas): nine digits and two mod-11 check digits,
 * written `529.982.247-25`. That form is reported alone; eleven bare digits, which are also
 * phone numbers, only next to a CPF word or under a field named for it.
 */
import type { Detector } from '../src/engine/detector.js';
import { checksumVerdict, ruleOutNumber } from '../src/engine/number-checks.js';

/** The check digit at `at` (9 or 10): weights from at + 1 down to 2 over the digits before it. */
function checkDigit(digits: string, at: number): number {
  let sum = 0;
  for (let i = 0; i < at; i++) sum += Number(digits[i]) * (at + 1 - i);
  return ((sum * 10) % 11) % 10;
}

export const brCpf: Detector = {
  id: 'br_cpf',
  description: 'Brazilian CPF numbers, formatted or bare next to a CPF word or field; both mod-11 check digits checked',
  category: 'government_id',
  sensitivity: 'sensitive',
  identifier: 'direct',
  patterns: [
    { name: 'br_cpf.formatted', regex: String.raw`\b\d{3}\.\d{3}\.\d{3}-\d{2}\b`, score: 0.5 },
    { name: 'br_cpf.bare', regex: String.raw`\b\d{11}\b`, score: 0.5, context: 'required' },
    {
      name: 'br_cpf.masked',
      regex: String.raw`\*{3}\.\d{3}\.\d{3}-\*{2}|\*{3}\.\*{3}\.\*{3}-\d{2}\b`,
      score: 0.7,
      form: 'masked',
    },
  ],
  contextWords: ['cpf', 'cadastro de pessoas'],
  fieldNames: ['cpf', 'cpfnumber', 'nrcpf', 'numerocpf'],
  validate(value, context) {
    const digits = value.replace(/\D/g, '');
    const passes = checkDigit(digits, 9) === Number(digits[9]) && checkDigit(digits, 10) === Number(digits[10]);
    return ruleOutNumber(digits, context) ?? checksumVerdict(passes, 'cpf-mod11', 'the mod-11 check digits');
  },
  mask: (value) => `***.***.***-${value.replace(/\D/g, '').slice(-2)}`,
  examples: {
    positive: [
      { text: 'cliente 529.982.247-25 cadastrado', value: '529.982.247-25' },
      { text: 'CPF: 11144477735', value: '11144477735' },
      { text: '{"cpf":"529.982.247-25"}', value: '529.982.247-25' },
      { text: '12345678909', hint: 'cpf', value: '12345678909' },
      { text: 'cpf ***.982.247-** confirmado', value: '***.982.247-**', form: 'masked' },
    ],
    negative: [
      { text: 'cpf 529.982.247-26', reason: 'fails the mod-11 check digits' },
      { text: 'cpf 111.111.111-11', reason: 'one digit repeated: a placeholder' },
      { text: 'pedido 11144477735 enviado', reason: 'eleven bare digits without a CPF context' },
      { text: 'versão 1.529.982.247-25', reason: 'part of a larger token' },
      { text: 'pagamento ref=529.982.247-25', reason: 'the value of a ref key' },
    ],
  },
};
