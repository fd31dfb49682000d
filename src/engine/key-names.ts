/**
 * What a key or column name says its values are: the detector it names (`customer_email_sha256`
 * names email), and whether it names another kind or thing than a detector's, so that the detector
 * takes no value under it, on a line (`nhs_number: `, `build=`) as in a column.
 */
import type { Detector } from './detector.js';
import type { DetectorSet } from './detector-set.js';
import { toKeyTokens } from './fields.js';

/**
 * A key's words, the most specific first: the whole key, the key less its last word (a form
 * suffix: `date_of_birth_sha256` → dateofbirth), adjacent token pairs, its tokens
 * (`national_insurance` → nationalinsurance). So `social_insurance_no` names a SIN before its
 * `social` names an SSN, and `pan_number` an Indian PAN before its `pan` names a card.
 */
function toKeyWords(key: string): string[] {
  const tokens = toKeyTokens(key);
  const stem = tokens.length > 2 ? [tokens.slice(0, -1).join('')] : [];
  return [tokens.join(''), ...stem, ...tokens.slice(1).map((t, i) => tokens[i] + t), ...tokens];
}

/** Keys and column names repeat endlessly: their words are remembered, up to this many keys. */
const KEY_CACHE_LIMIT = 10_000;
const keyWords = new Map<string, string[]>();

function cachedKeyWords(key: string): string[] {
  return remembered(keyWords, key, () => toKeyWords(key));
}

/** `key`'s entry in `cache`, made by `make` on first use; a full cache starts over. */
function remembered<T>(cache: Map<string, T>, key: string, make: () => T): T {
  if (cache.has(key)) return cache.get(key)!;
  const value = make();
  if (cache.size >= KEY_CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** Per detector (or set), a cache of its verdicts on keys. */
function cacheOf<O extends object, T>(caches: WeakMap<O, Map<string, T>>, owner: O): Map<string, T> {
  let cache = caches.get(owner);
  if (cache === undefined) caches.set(owner, (cache = new Map<string, T>()));
  return cache;
}

const namedFor = new WeakMap<Detector, Map<string, string | undefined>>();

/** Whether a key names this detector's kind; returns the word that does. */
export function isNamedFor(detector: Detector, key: string): string | undefined {
  return remembered(cacheOf(namedFor, detector), key, () =>
    cachedKeyWords(key).find((t) => detector.fieldNames.includes(t) || detector.contextWords.includes(t)),
  );
}

/** A detector a key names, and the word of the key that names it. */
export interface NamedDetector {
  detector: Detector;
  word: string;
}

/** The detector a key names among `fieldNames` (word → detector), and the word that names it. */
export function detectorNamedBy(fieldNames: ReadonlyMap<string, Detector>, key: string): NamedDetector | undefined {
  for (const word of cachedKeyWords(key)) {
    const detector = fieldNames.get(word);
    if (detector) return { detector, word };
  }
  return undefined;
}

const namedCache = new WeakMap<DetectorSet, Map<string, NamedDetector | undefined>>();

/** The detector whose field names a key names (`customer_email_sha256` → email), if any. */
export function namedDetector(set: DetectorSet, key: string): NamedDetector | undefined {
  return remembered(cacheOf(namedCache, set), key, () => detectorNamedBy(set.fieldNames, key));
}

/**
 * Whether a key (or column name) names another kind and not `detector`'s at all: a detector that
 * yields to named keys takes no value under it (`nhs_number`, `cpf`, `iban` for a phone).
 */
export function namesOtherKind(set: DetectorSet, detector: Detector, key: string): boolean {
  const named = namedDetector(set, key);
  return named !== undefined && named.detector !== detector && isNamedFor(detector, key) === undefined;
}

/** A name's words: its tokens and adjacent token pairs (`build_number` → build, number, buildnumber). */
export function nameWords(name: string): string[] {
  const tokens = toKeyTokens(name);
  return [...tokens, ...tokens.slice(1).map((t, i) => tokens[i] + t)];
}

/**
 * Whether a key not named for `detector`'s kind has a word of its column rule's other kinds
 * (`order_no` for a phone, `firmware` for an address): its values are those things.
 */
export function namesOtherThing(set: DetectorSet, detector: Detector, key: string): boolean {
  const otherKinds = detector.column?.otherKinds;
  return (
    otherKinds !== undefined &&
    otherKinds.length > 0 &&
    nameWords(key).some((w) => otherKinds.includes(w)) &&
    namedDetector(set, key)?.detector !== detector
  );
}

/**
 * Whether a value right after `key` is not `detector`'s: the key names another kind (for a
 * detector that yields to named keys) or another thing (its column rule's other kinds).
 */
export function isOtherKindKey(set: DetectorSet, detector: Detector, key: string): boolean {
  return (
    (detector.yieldsToNamedKeys === true && namesOtherKind(set, detector, key)) || namesOtherThing(set, detector, key)
  );
}
