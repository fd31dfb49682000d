import type { Detector, MatchContext, ValidationResult } from '../src/engine/detector.js';
import { maskWords } from '../src/engine/mask.js';
import { isKnownName } from '../src/engine/name-dictionary.js';
import { endsWithWord, keyWordsBefore } from '../src/engine/key-before.js';
import { isInsideToken } from '../src/engine/token-bounds.js';
import { toKeyTokens } from '../src/engine/fields.js';
import { fromQueryString } from '../src/engine/number-checks.js';

/** One name part: capitalised (`Jane`, `O'Brien`, `McDonald`, `García-López`) or in capitals (`JANE`). */
const PART = String.raw`(?:Mc|Mac|O'|D')?\p{Lu}(?:\p{Ll}+(?:-\p{L}\p{Ll}+)?|\p{Lu}+)`;
/** Lowercase particles between parts (`van der Berg`, `de la Cruz`, `bin Salman`). */
const PARTICLE = String.raw`(?:van|von|de|da|del|della|der|den|di|du|la|le|bin|ibn|al|el|dos|das|ten|ter)`;
/** Arabic articles joined to the surname by a hyphen (`al-Rashid`, `el-Amin`). */
const HYPHENED = String.raw`(?:al|el)-`;
/** Parts are joined by spaces, or by `+` where a URL's query string encodes them (`?name=Jane+Doe`). */
const NAME = String.raw`${PART}(?:(?:[ +]\p{Lu}\.)?[ +](?:${PARTICLE}[ +]){0,2}(?:${HYPHENED})?${PART}){0,3}`;
/**
 * A particle between parts (`Priya van Dijk`, `Omar al-Rashid`): surnames so written are a
 * name's mark as a dictionary entry is. A match starts with a part, so the particle is never alone.
 */
const INNER_PARTICLE = new RegExp(String.raw`[ +](?:${PARTICLE}[ +]|${HYPHENED})\p{Lu}`, 'u');

/** Salutations (in several languages) and sign-offs after which a capitalised name is a person's. */
const SALUTATION_WORDS =
  'Dear|Hello|Hi|Hey|Attn:?|Estimad[oa]|Querid[oa]|Prezad[oa]|Cher|Ch\u00e8re|Liebe|Lieber|Beste|[Rr]egards,|Sincerely,';
const SALUTATIONS = new Set(
  'dear hello hi hey attn attention estimado estimada querido querida prezado prezada cher liebe lieber beste regards sincerely'.split(
    ' ',
  ),
);
/**
 * Role nouns written right before a person's name in running text (`cardholder Jane Doe
 * disputed`): like a generic name key, they need two name parts.
 */
const ROLE_WORDS = new Set(
  'cardholder passenger patient guest employee customer recipient addressee tenant applicant beneficiary insured traveller traveler'.split(
    ' ',
  ),
);
/** Mail headers name a person when an address in angle brackets follows (`From: Jane Doe <j@…>`). */
const MAIL_HEADERS = new Set(['from', 'to', 'cc', 'reply']);
/** A key's last word that labels a person's name (`customer:`, `recipient.name=`). */
const NAME_LABELS = new Set(
  (
    'name customer recipient cardholder holder accountholder patient employee passenger guest addressee contact ' +
    'surname forename firstname lastname fullname givenname vorname nachname kunde cliente client nom nombre nome naam'
  ).split(' '),
);
/** Labels that name one part: a single word after them is a name. */
const PART_LABELS = new Set(
  'first last given family middle surname forename firstname lastname givenname vorname nachname'.split(' '),
);
/**
 * Key words that say a `name` is a thing's, not a person's (`service_name`, `className`).
 * Also the column rule's: such a column is never a person's names.
 */
const THING_WORDS = (
  'service class file host product app application table column db database bucket queue topic ' +
  'event job task device model brand company org organization team project item category tag role ' +
  'group domain city country street region display user screen nick logger metric field type module ' +
  'package plan feature channel store shop merchant vendor bank branch cluster node pod container ' +
  'image index key method function step stage'
).split(' ');

/**
 * Words the dictionary holds as names that are far more often ordinary words, places or
 * software when capitalised in logs and letters (`Order Service`, `New York`, `Dear Customer`).
 * A value with one of them is not taken for a name.
 */
const COMMON_WORDS = new Set(
  (
    'service services payment payments order orders new york main street null none test tests spring ' +
    'kafka post apple london paris berlin customer customers valued team sir madam client user admin ' +
    'manager support sales account accounts failed success error warning info debug default unknown ' +
    'guest anonymous system server worker queue job batch cache redis postgres mysql java python node ' +
    'docker amazon google microsoft cloud web api gateway proxy router controller handler factory ' +
    'provider store shop mart bank group inc ltd gmbh corp company city county state san los las ' +
    'santa saint st fort port lake mount north south east west central united kingdom states america ' +
    'washington jersey francisco angeles diego jose vegas boston chicago houston dallas austin ' +
    'phoenix denver seattle portland atlanta miami orlando madrid rome vienna munich hamburg dublin ' +
    'sydney melbourne toronto vancouver tokyo delhi mumbai road avenue lane drive court hill ' +
    'green white black brown gray grey gold silver red blue rose summer winter autumn monday friday ' +
    'sunday january june july august april may march happy birthday christmas holiday welcome thanks ' +
    'thank hello world tbd tba xxx foo bar baz qux asdf dummy sample example placeholder dear friend friends member members subscriber partner colleague colleagues all ' +
    'everyone there doctor professor mister miss lord king queen prince princess pro premium plus max ' +
    'mini lite standard basic express prime deluxe edition version release update upgrade launch ' +
    'status pending active inactive closed open done ready start stop end home page view list search ' +
    'login logout sign profile settings cart checkout invoice report email phone address name title ' +
    'note notes industries holdings solutions systems technologies labs partners llc plc ag sa ' +
    'enterprises consulting ventures logistics airlines motors pharma foods town city island bay beach valley'
  ).split(' '),
);

/** How a value reads: its parts, and whether it stood alone (a column value) or after a cue. */
function nameParts(value: string): string[] {
  return value
    .split(' ')
    .map((p) => p.replace(/^(?:al|el)-/, ''))
    .filter((p) => !/^\p{Ll}/u.test(p) && !/^\p{Lu}\.$/u.test(p));
}

/** A key's words with a trailing `name` split off a lowercased compound (`customername`, `ownername`). */
function splitCompounds(key: string[]): string[] {
  return key.flatMap((w) =>
    w.length > 4 && w.endsWith('name') && !PART_LABELS.has(w) && !NAME_LABELS.has(w) ? [w.slice(0, -4), 'name'] : [w],
  );
}

/** Whether the text before a match is a cue for a name, and whether one part is enough after it. */
function cueBefore(before: string, after: string): 'one' | 'two' | undefined {
  if (endsWithWord(before, SALUTATIONS)) return 'one';
  if (endsWithWord(before, ROLE_WORDS)) return 'two';
  const found = keyWordsBefore(before);
  if (found === undefined || found.length === 0) return undefined;
  const key = splitCompounds(found);
  // `user.full_name` is a person's full name, though `user_name` is a handle.
  const personal = key.some((w) => w === 'full' || PART_LABELS.has(w));
  if (!personal && key.some((w) => THING_WORDS.includes(w))) return undefined;
  const last = key[key.length - 1]!;
  if (MAIL_HEADERS.has(last) && /^\s*<[^\s<>]+@/.test(after)) return 'two';
  if (PART_LABELS.has(last) || (last === 'name' && key.some((w) => PART_LABELS.has(w)))) return 'one';
  return NAME_LABELS.has(last) ? 'two' : undefined;
}

/**
 * Column name words that say its values are people's names (`first_name`, `customerName`): there a
 * name-shaped value is one even when the dictionary lacks it. A bare `name` column is not enough.
 */
const PERSON_COLUMN_WORDS = new Set(
  (
    'first last full given family middle surname forename customer recipient holder cardholder patient ' +
    'employee passenger contact person vorname nachname billing shipping owner applicant beneficiary tenant ' +
    'insured guardian spouse traveller traveler student'
  ).split(' '),
);

/** What a cue before the value says, or why the value is not a name there. */
function checkCue(parts: string[], context: MatchContext): string | undefined {
  const cue = cueBefore(context.before, context.after);
  if (cue === undefined) return 'no salutation or name key right before it';
  if (cue === 'two' && parts.length < 2) return 'one word after a generic name key';
  if (parts.some((p) => p.length > 1 && p === p.toUpperCase())) return 'words in capitals in running text';
  return isInsideToken(context) ? 'part of a larger token' : undefined;
}

const isInDictionary = (part: string) =>
  isKnownName(part.replace(/^(?:O'|D')/, '')) || part.split('-').some(isKnownName);

function validateName(value: string, context: MatchContext): ValidationResult {
  const alone = context.before === '' && context.after === '';
  const parts = nameParts(value);
  const problem = alone ? undefined : checkCue(parts, context);
  if (problem !== undefined) return { status: 'invalid', reason: problem };
  if (parts.some((p) => COMMON_WORDS.has(p.toLowerCase())))
    return { status: 'invalid', reason: 'a common word, place or product, not a name' };
  if (parts.some(isInDictionary)) return { status: 'valid', check: 'name-dictionary' };
  if (INNER_PARTICLE.test(value)) return { status: 'valid', check: 'surname-particle' };
  const personColumn = alone && toKeyTokens(context.hint ?? '').some((w) => PERSON_COLUMN_WORDS.has(w));
  return personColumn
    ? { status: 'none' }
    : { status: 'invalid', reason: 'no part is a given name or surname in the dictionary' };
}

export const personName: Detector = {
  id: 'person_name',
  description:
    "People's names in name fields and columns and after a salutation or name key; every name needs a part in a multicultural name dictionary",
  category: 'identity',
  sensitivity: 'standard',
  identifier: 'direct',
  patterns: [
    // No \b around names: RE2's is ASCII-only (`André`, `Özdemir`); the validator asks for a cue
    // or a whole value, which a part of a longer word never has.
    {
      name: 'person_name.salutation',
      regex: String.raw`\b(?:${SALUTATION_WORDS}) (?P<value>${NAME})`,
      score: 0.5,
      prefilter: String.raw`\b(?:${SALUTATION_WORDS}) `,
    },
    { name: 'person_name.name', regex: NAME, score: 0.4, context: 'required', prefilter: '.' },
    {
      name: 'person_name.masked',
      regex: String.raw`\b\p{Lu}\*{2,}(?: \p{Lu}\*{2,}){0,3}`,
      score: 0.5,
      form: 'masked',
      context: 'required',
    },
  ],
  contextWords: [
    'name',
    // A bank account's holder (`account_holder`); `holder` alone holds tokens and licences too.
    'account holder',
    'customer',
    'recipient',
    'cardholder',
    'patient',
    'employee',
    'passenger',
    'addressee',
    'surname',
    'forename',
    'vorname',
    'nachname',
    'cardholder',
    'guest',
    'kunde',
    'cliente',
    'tenant',
    'applicant',
    'beneficiary',
    'from',
  ],
  fieldNames: [
    'name',
    'firstname',
    'lastname',
    'fullname',
    'givenname',
    'familyname',
    'middlename',
    'surname',
    'forename',
    'customername',
    'recipientname',
    'contactname',
    'holdername',
    'accountholder',
    'cardholdername',
    'patientname',
    'employeename',
    'personname',
    'vorname',
    'nachname',
  ],
  normalize: fromQueryString,
  validate: validateName,
  mask: maskWords,
  column: { minShare: 0.25, otherKinds: [], notPersonal: THING_WORDS },
  examples: {
    positive: [
      { text: '{"full_name":"Xandor ter Horst"}', value: 'Xandor ter Horst' },
      { text: 'passenger_name: Yelto de la Fuente', value: 'Yelto de la Fuente' },
      { text: 'customer_name=Qwixo al-Rashid', value: 'Qwixo al-Rashid' },
      { text: "sepa mandate account_holder='Maria Garcia'", value: 'Maria Garcia' },
      { text: '{"bank":{"accountHolder":"Maria Garcia"}}', value: 'Maria Garcia' },
      { text: 'Dear Jane Doe, your order has shipped', value: 'Jane Doe' },
      { text: 'Dear Aisha, your parcel is on its way', value: 'Aisha' },
      { text: 'refund issued name=John Smith amount=12.00', value: 'John Smith' },
      { text: 'customer: Wei Zhang requested a callback', value: 'Wei Zhang' },
      { text: '{"recipient":{"name":"Fatima Ahmed","city":"Leeds"}}', value: 'Fatima Ahmed' },
      { text: '{"fullName":"José García-López"}', value: 'José García-López' },
      { text: 'first_name=Yuki last_name=Tanaka', value: 'Yuki' },
      { text: 'Hans van der Berg', hint: 'full_name', value: 'Hans van der Berg' },
      { text: 'OLGA IVANOVA', hint: 'customer_name', value: 'OLGA IVANOVA' },
      { text: 'Kowalski', hint: 'last_name', value: 'Kowalski' },
      { text: 'customer: Chloé Lefèvre requested a refund', value: 'Chloé Lefèvre' },
      { text: 'Sehr geehrte Kundin; Kunde: Ayşe Yılmaz', value: 'Ayşe Yılmaz' },
      { text: 'Cher Benoît Moreau, votre colis est arrivé', value: 'Benoît Moreau' },
      { text: 'cardholder Ingrid Johansson disputed the charge', value: 'Ingrid Johansson' },
      { text: 'Parameters: {"order"=>{"shipping_name"=>"Olivia Hughes"}}', value: 'Olivia Hughes' },
      { text: '<input type="text" name="recipient_name" value="Priya Sharma">', value: 'Priya Sharma' },
      { text: '<tr><td>Full name</td><td>Kenji Watanabe</td></tr>', value: 'Kenji Watanabe' },
      { text: 'From: Amara Mensah <amara@example.com>', value: 'Amara Mensah' },
      { text: 'Best regards, Sigrid Lindqvist', value: 'Sigrid Lindqvist' },
      { text: '{"customerName":"Layla Haddad"}', value: 'Layla Haddad' },
      { text: 'GET /api/profile?full_name=Ravi+Kumar&plan=pro HTTP/1.1', value: 'Ravi Kumar' },
      { text: 'notify name=J*** D** queued', value: 'J*** D**', form: 'masked' },
    ],
    negative: [
      { text: '{"full_name":"van der"}', reason: 'particles alone are no name' },
      { text: 'customer_name=Zorblat Quux', reason: 'no part in the dictionary and no surname particle' },
      { text: 'customer_name=Qwixo al-', reason: 'an article with no surname after it' },
      { text: 'licence holder Maria Garcia renewed', reason: 'a holder in prose is no name key' },
      {
        text: 'INFO Order Service started in 2.1s',
        reason: 'capitalised words with no cue are never names',
      },
      { text: 'name=Order Service status=UP', reason: 'a common word, place or product, not a name' },
      { text: 'Oluwaseun', hint: 'name', reason: 'a bare name column needs a part in the dictionary' },
      {
        text: 'shipping to New York from customer: Payment Failed',
        reason: 'a common word, place or product, not a name',
      },
      {
        text: 'Dear Valued Customer, thanks for your order',
        reason: 'a salutation to no one in particular',
      },
      {
        text: 'service_name=Kafka Consumer restarted',
        reason: 'the key names a service, not a person',
      },
      { text: '{"className":"Grant Stone"}', reason: 'the key names a class, not a person' },
      { text: 'name=Jane status=active', reason: 'one word after a generic name key' },
      {
        text: 'user=JaneDoe42 logged in, name=Acme Widgets',
        reason: 'no part is a given name or surname in the dictionary',
      },
      { text: 'Hello WORLD DEPLOY done', reason: 'words in capitals in running text' },
      {
        text: 'sent report to Jane Doe yesterday',
        reason: 'no salutation or name key right before it',
      },
      { text: 'name=Jane Doe.csv uploaded', reason: 'part of a larger token' },
      { text: 'customer: Stark Industries renewed the plan', reason: 'a company: a common word, not a name' },
      { text: 'From: Billing Team <billing@example.com>', reason: 'a common word, place or product, not a name' },
      { text: 'To: Grace <ops@example.com>', reason: 'one word after a mail header' },
      { text: 'user.display_name="Olivia Hughes"', reason: 'the key names a display handle, not a person' },
    ],
  },
};
