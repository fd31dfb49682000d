/** What a detector is: data plus small pure functions, one file each under detectors/. */

/** What kind of data a detector finds; reports group by it. */
export type Category =
  'contact' | 'government_id' | 'financial' | 'network' | 'secret' | 'device' | 'identity' | 'location';

/** Privacy policies' split: government, financial and credential data is `sensitive`. */
export type Sensitivity = 'standard' | 'sensitive';

/** Direct identifiers name a person on their own (email, phone, national id, IP); indirect ones need more data. */
export type Identifier = 'direct' | 'indirect' | 'none';

/** The form a value is stored or logged in. Only `plaintext` is a leak. */
export const FORMS = ['plaintext', 'masked', 'hashed', 'tokenized', 'encrypted'] as const;

export type Form = (typeof FORMS)[number];

/** One RE2 pattern of a detector. */
export interface PatternSpec {
  /** Stable name, shown in a finding's evidence (`email.url_encoded`). */
  name: string;
  /** RE2 syntax. A group named `value` marks the value inside a longer match. */
  regex: string;
  /** Confidence (0..1) of a bare match before validator and context. */
  score: number;
  /** Set for patterns that only match an already-masked value. */
  form?: Form;
  /** `required`: only reported when a context word or field name is near (bare 9 digits as an SSN). */
  context?: 'required';
  /**
   * RE2 source that stage one (the byte scanner) runs instead of `regex`: it must match wherever
   * `regex` does. Worth it when `regex` has costly classes (`\p{L}`); default: `regex` itself.
   * For a masked form it also picks the lines the pattern runs on (detector-set.ts).
   */
  prefilter?: string;
}

/** A positive example: text in which the detector must report `value` (or at least one match). */
export interface PositiveExample {
  text: string;
  /** The matched value, when the example checks it. */
  value?: string;
  /** Field name or column the text came from, when the example needs it. */
  hint?: string;
  /** Expected form; `plaintext` when omitted. */
  form?: Form;
}

/** A negative example: text in which the detector must report nothing, and why. */
export interface NegativeExample {
  text: string;
  /** Why this is not PII (`placeholder`, `fails Luhn`, `SSH remote`). */
  reason: string;
  hint?: string;
}

/** One detector: data plus small pure functions, one file each under detectors/. */
export interface Detector {
  id: string;
  description: string;
  category: Category;
  sensitivity: Sensitivity;
  identifier: Identifier;
  patterns: PatternSpec[];
  /** Words that raise confidence when they appear shortly before a match. Lowercase. */
  contextWords: string[];
  /** Field and column name words (tokens) that say a value is this kind of data. Lowercase. */
  fieldNames: string[];
  /** Turns the raw match into the value to validate and mask (URL-decoding, trimming). */
  normalize?: (raw: string) => string;
  /** A check the format defines (Luhn, mod-97, area rules). Returns a reason string when invalid. */
  validate?: (value: string, context: MatchContext) => ValidationResult;
  /**
   * For a column of whole values: an RE2 pattern that matches in every value that normalize()
   * could change or validate() could judge unlike another value. When no value of a batch matches
   * it, one value's verdict is every value's, and the values need not be read. It runs on the
   * values a line each; RE2 counts code points, which are fewer than UTF-16 code units in a value
   * with characters outside the BMP.
   */
  unusualValue?: string;
  /** Masks a normalized plaintext value for samples (`j***@example.com`). */
  mask: (value: string) => string;
  /**
   * For a database column not named for this kind (see `fieldNames`) whose plaintext matches come
   * by chance in values of other kinds (order numbers passing a phone check, versions that are
   * dotted quads): when the column is not reported. Absent: always reported.
   */
  column?: ColumnRule;
  /**
   * Set for kinds whose format other kinds' values fill by chance (a dashed NHS number is a valid
   * US phone number, a CPF's 11 digits one with its country code): a value right after a key, or
   * a whole column, named for another kind and not for this one is that kind's, valid or not.
   * Default false: an e-mail address under `to_address` is still one.
   */
  yieldsToNamedKeys?: boolean;
  examples: { positive: PositiveExample[]; negative: NegativeExample[] };
}

/** When a column not named for a detector's kind is not reported for it (see `Detector.column`). */
export interface ColumnRule {
  /**
   * Least share (0..1) of a column's non-empty values that must match when every match is a
   * whole value (a column of single tokens): a handful of order numbers passing a phone check is
   * not a phone column. Matches inside longer text (notes, messages) are reported at any share.
   */
  minShare: number;
  /**
   * Column name words (tokens, pairs of tokens) that say the column holds another kind of data
   * (`id`, `ref`, `version`).
   */
  otherKinds: readonly string[];
  /**
   * Name words that say the values are not a person's even in a column named for the kind
   * (`server_ip`, `dns_addr`).
   */
  notPersonal?: readonly string[];
}

/** What a validator sees besides the value. */
export interface MatchContext {
  /** Up to 48 characters before the match, lowercased. */
  before: string;
  /** Up to 16 characters after the match. */
  after: string;
  /** The column name (or the hint of the text) when the text has one: a value alone in it. */
  hint?: string | undefined;
  /**
   * Whether the key right before the match names this detector's kind (`passport_id=`): such a
   * key wins over the rule that an id key's value is no PII. Worked out on first ask.
   */
  keyNamesKind?: () => boolean;
}

/** A validator's answer: `valid` raises confidence, `invalid` drops the match, `none` has no opinion. */
export type ValidationResult =
  { status: 'valid'; check: string } | { status: 'invalid'; reason: string } | { status: 'none' };
