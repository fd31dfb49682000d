/**
 * What national numbers' validators share: the text around a match that rules it out before any
 * checksum (part of a longer token or digit group, the value of an id key, one digit repeated),
 * and the verdict of a checksum.
 */
import type { MatchContext, ValidationResult } from './detector.js';
import { isInDigitGroups, isInsideToken, isUnderIdKey } from './token-bounds.js';
import { isLabelledAsOther } from './context-words.js';

/**
 * The reason a number is no value of its own (inside a token, under an id key, right after a
 * label such as `batch` or `tracking`), or undefined when nothing around it or in it says so.
 */
export function ruleOutNumber(digits: string, context: MatchContext): ValidationResult | undefined {
  if (isInsideToken(context) || isInDigitGroups(context))
    return { status: 'invalid', reason: 'part of a larger token' };
  if (isUnderIdKey(context)) return { status: 'invalid', reason: 'the value of an id or count key' };
  if (isLabelledAsOther(context.before)) return { status: 'invalid', reason: 'labelled as another thing' };
  if (/^(\d)\1+$/.test(digits)) return { status: 'invalid', reason: 'one digit repeated: a placeholder' };
  return undefined;
}

/**
 * A grouped number as a URL's query string writes it (`?sin=130+692+544`, a form's spaces as
 * `+`), with its spaces back. Patterns that take `[ +]` between groups normalize with it.
 */
export const fromQueryString = (raw: string): string => raw.replaceAll('+', ' ');

/** A checksum's verdict: `valid` with the check's name, or `invalid` with `fails <check>`. */
export function checksumVerdict(passes: boolean, check: string, name: string): ValidationResult {
  return passes ? { status: 'valid', check } : { status: 'invalid', reason: `fails ${name}` };
}
