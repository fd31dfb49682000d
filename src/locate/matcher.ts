/**
 * One pass over a record's bytes for every subject at once: each candidate (candidates.ts) is
 * normalised and looked up in the subject index, never matched against a pattern per subject.
 * Digests are decoded from hex or base64 and looked up by prefix, then confirmed in full.
 *
 * Why not an Aho-Corasick automaton of every variant: with a hundred thousand subjects the
 * variants (each digest in hex and base64, each encoding of each form) make tens of millions of
 * characters of patterns, an automaton of hundreds of megabytes; normalising what the data holds
 * and looking it up keeps memory to the subjects' index. test/locate/matcher.test.ts.
 */
import { B64, CLASSES, DIGIT, ALNUM } from './byte-classes.js';
import { BASE64_LENGTHS, HEX_LENGTHS } from '../engine/digests.js';
import { PREFIX_BYTES, decodePrefix, isBase64Digest } from './digest-prefix.js';
import {
  atSignAt,
  eachGroupJoin,
  emailSpan,
  isHexRun,
  mayHaveGroupKey,
  runEnd,
  spells,
  startsWord,
} from './candidates.js';
import { canonicalEmail } from './normalise.js';
import { algorithmName, digestOf, fromDigestEntry, refsOf, type SubjectIndex } from './subject-index.js';

/** A subject's identifier found in a record: where (bytes), whose (identifier ref), in what form. */
export interface Hit {
  start: number;
  end: number;
  ref: number;
  /** `plaintext`, `url-encoded`, `sha256-hex of email`, ... */
  form: string;
}

/** Per run length, whether a digest in hex or base64 has it. */
const DIGEST_LENGTH = new Uint8Array(Math.max(...HEX_LENGTHS, ...BASE64_LENGTHS) + 1);
for (const length of [...HEX_LENGTHS, ...BASE64_LENGTHS]) DIGEST_LENGTH[length] = 1;

/** Percent-escapes and JSON `\uXXXX` escapes undone; text that does not decode stays as it is. */
function unescape(raw: string): string {
  let text = raw;
  if (text.includes('\\u'))
    text = text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  if (text.includes('%'))
    try {
      text = decodeURIComponent(text);
    } catch {
      // Not percent-encoding after all (a literal %): compared as it is.
    }
  return text;
}

function escapeForm(raw: string): string | undefined {
  return raw.includes('\\u') ? 'json-escaped' : raw.includes('%') ? 'url-encoded' : undefined;
}

/**
 * `loose` also takes an email that runs on into more name (`jane@example.com.log`): for redaction,
 * where hiding too much is safe.
 */
export function createMatcher(index: SubjectIndex, options: { loose?: boolean } = {}): (data: Buffer) => Hit[] {
  const identifier = (ref: number) => index.normal(ref);
  const prefix = new Uint8Array(PREFIX_BYTES);
  const phoneFilter = { kind: DIGIT, maxChars: 17, minChars: 5, hashes: index.numberHashes.phone, international: true };
  const tokenFilter = {
    kind: ALNUM,
    maxChars: 40,
    minChars: 5,
    hashes: index.numberHashes.token,
    international: false,
  };
  return (data) => {
    const hits: Hit[] = [];
    const text = (start: number, end: number) => data.toString('utf8', start, end);

    const tryDigest = (start: number, end: number) => {
      const length = end - start;
      let encoding: 'hex' | 'base64';
      if (HEX_LENGTHS.has(length) && isHexRun(data, start, end)) encoding = 'hex';
      else if (BASE64_LENGTHS.has(length) && isBase64Digest(data, start, end)) encoding = 'base64';
      else return;
      decodePrefix(data, start, encoding, prefix);
      let digest: Buffer | undefined;
      index.digests.lookup(prefix, (entry) => {
        digest ??= Buffer.from(text(start, end), encoding);
        const { ref, form, algorithm } = fromDigestEntry(entry);
        const normal = identifier(ref).forms[form]!;
        // A prefix may collide: the whole digest must be the one recomputed.
        if (!digestOf(normal.value, algorithm, index.hmacKey).equals(digest)) return;
        hits.push({ start, end, ref, form: `${algorithmName(algorithm)}-${encoding} of ${normal.label}` });
      });
    };

    const tryEmail = (at: number, width: number) => {
      const [start, end] = emailSpan(data, at, width);
      const raw = text(start, end);
      const decoded = unescape(raw);
      const split = decoded.lastIndexOf('@');
      // What precedes the mailbox in an escaped run (`q=` of `q%3Djane%40…`) is not part of it.
      const local = decoded.slice(0, split).replace(/^.*[^A-Za-z0-9._+-]/, '');
      let domain = decoded.slice(split + 1);
      let email = `${local}@${domain}`;
      let lower = email.toLowerCase();
      let exact = refsOf(index, `e:${lower}`);
      // Redacting: an email followed by more name (`jane@example.com.log`) is hidden too.
      while (options.loose && exact === undefined && domain.includes('.')) {
        domain = domain.slice(0, domain.lastIndexOf('.'));
        email = `${local}@${domain}`;
        lower = email.toLowerCase();
        exact = refsOf(index, `e:${lower}`);
      }
      const refs = exact ?? refsOf(index, `c:${canonicalEmail(lower) ?? lower}`) ?? [];
      for (const ref of refs) {
        const form = escapeForm(raw) ?? (email === identifier(ref).value.trim() ? 'plaintext' : 'normalised');
        hits.push({ start, end, ref, form: exact ? form : `${form} (canonical mailbox)` });
      }
    };

    const tryNumber = (start: number, prefix: string, key: string) => {
      // Most numbers and words are no subject's: their text is never built.
      if (mayHaveGroupKey(data, start, prefix === 'p' ? phoneFilter : tokenFilter)) matchNumber(start, prefix, key);
    };

    const matchNumber = (start: number, prefix: string, key: string) => {
      const filter = prefix === 'p' ? phoneFilter : tokenFilter;
      eachGroupJoin(data, start, {
        kind: filter.kind,
        maxChars: filter.maxChars,
        emit(joined, end) {
          if (joined.length < filter.minChars) return false;
          const normal = prefix === 'p' ? joined : joined.toUpperCase();
          const international = prefix === 'p' && normal.startsWith('00');
          const refs = refsOf(index, `${key}${international ? normal.slice(2) : normal}`);
          if (refs === undefined) return false;
          const plus = start > 0 && data[start - 1] === 0x2b ? 1 : start >= 3 && spells(data, start - 3, '%2B') ? 3 : 0;
          const raw = text(start - plus, end);
          for (const ref of refs)
            hits.push({ start: start - plus, end, ref, form: numberForm(ref, raw, { normal, plus }) });
          return true;
        },
      });
    };

    const numberForm = (ref: number, raw: string, { normal, plus }: { normal: string; plus: number }) => {
      const { kind, value, forms } = identifier(ref);
      if (raw === value.trim()) return 'plaintext';
      const escaped = escapeForm(raw);
      if (kind !== 'phone') return escaped ?? 'normalised';
      // A parsed phone's forms are E.164 with `+`, E.164 digits and national digits (normalise.ts).
      const e164 = forms.length === 3 ? forms[1]!.value : undefined;
      const shape = normal.startsWith('00')
        ? 'international (00)'
        : normal === e164
          ? plus > 0
            ? 'E.164'
            : 'E.164 digits'
          : 'national';
      return escaped ? `${escaped} ${shape}` : shape;
    };

    let runUntil = 0;
    let afterAlnum = false;
    const { email, phone, token } = index.kinds;
    const numbers = phone || token;
    for (let i = 0; i < data.length; i++) {
      const b = data[i]!;
      const k = CLASSES[b]!;
      if ((k & ALNUM) === 0) {
        afterAlnum = false;
        if (email && (b === 0x40 || b === 0x25 || b === 0x5c)) {
          const width = atSignAt(data, i);
          if (width > 0) tryEmail(i, width);
        }
      } else {
        // Inside a word starts no number, but after `%2B` or `%20` (startsWord decides those).
        if (numbers && (!afterAlnum || (i >= 3 && data[i - 3] === 0x25)) && startsWord(data, i)) {
          if (phone && (k & DIGIT) !== 0) tryNumber(i, 'p', 'p:');
          if (token) tryNumber(i, 't', 't:');
        }
        afterAlnum = true;
      }
      if ((k & B64) !== 0 && i >= runUntil) {
        runUntil = runEnd(data, i);
        // Most runs are words and ids of no digest's length: a table says so without a call.
        if (runUntil - i < DIGEST_LENGTH.length && DIGEST_LENGTH[runUntil - i] !== 0) tryDigest(i, runUntil);
      }
    }
    return hits;
  };
}
