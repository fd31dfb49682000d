// `npm run bench:identity`: precision and recall of person_name, date_of_birth, postal_address and
// postal_code on a generated corpus, through the line path (log lines) and the column path (values
// under column names). The corpus is made here, by the same author as the detectors: it is NOT
// held out, so its figures are an upper bound. Names are drawn from hand lists of many cultures,
// not from the detector's dictionary, and include given names that the dictionary lacks. Prints
// per-kind precision, recall and F1, micro-F1, and the share of hard-negative lines flagged.
import { detectors } from '../../dist/detectors/index.js';
import { createDetectorSet } from '../../dist/src/engine/detector-set.js';
import { analyzeLine } from '../../dist/src/engine/analyze-line.js';
import { toKeyTokens } from '../../dist/src/engine/fields.js';

const KINDS = ['person_name', 'date_of_birth', 'postal_address', 'postal_code'];
const GIVEN = (
  'Jane John Maria Wei Li Mei Fatima Aisha Mohammed Ahmed Yuki Hiroshi Kenji Sakura Priya Anil Sunita Raj Olga ' +
  'Dmitri Ivan Anna Hans Lukas Sophie Camille Pierre Lucía José Carlos Ana João Kwame Ama Chinedu Ngozi ' +
  'Oluwaseun Thandiwe Siobhan Sean Aroha Mateo Valentina Noah Emma Liam Zeynep Mehmet Ngoc Minh Ji-woo'
).split(' ');
const FAMILY = (
  'Doe Smith Zhang Wang Chen Nguyen Tran Kim Park Lee Tanaka Suzuki Yamamoto Sato Patel Sharma Gupta Singh ' +
  'Kumar Ahmed Hassan Khan Ali Okafor Adeyemi Mensah Boateng Mwangi Ivanova Petrov Kowalski Nowak Müller ' +
  'Schmidt Dubois Lefebvre García-López Rodríguez Silva Santos Rossi Russo Yilmaz Demir Murphy Kelly Andersson'
).split(' ');
const STREETS = ['Main St', 'Oak Avenue', 'Maple Drive', 'Elm Street', 'Cedar Lane', 'Pine Road', 'Park Place'];
const US_TOWNS = ['Springfield, IL 62704', 'Austin, TX 78701', 'Denver, CO 80202', 'Portland, OR 97205'];
const UK = ['Baker Street, London NW1 6XE', 'High Street, Leeds LS1 4DY', 'Church Road, Bristol BS8 1TH'];
const DE = ['Musterstraße 12, 10115 Berlin', 'Hauptstraße 5a, 80331 München', 'Gartenweg 7, 50667 Köln'];
const SERVICES = ['Order Service', 'Payment Gateway', 'Inventory Manager', 'Kafka Consumer', 'Spring Boot Admin'];
const CITIES = ['New York', 'San Francisco', 'London', 'Berlin', 'Paris', 'Los Angeles', 'Grant Park'];

let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (list) => list[Math.floor(random() * list.length)];
const pad = (n) => String(n).padStart(2, '0');
const fullName = () => `${pick(GIVEN)} ${pick(FAMILY)}`;
const birthDate = () =>
  `19${50 + Math.floor(random() * 49)}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
const usAddress = () => `${100 + Math.floor(random() * 9000)} ${pick(STREETS)}, ${pick(US_TOWNS)}`;
const address = () => pick([usAddress, () => `${1 + Math.floor(random() * 300)} ${pick(UK)}`, () => pick(DE)])();
const ts = () => `2026-11-0${1 + Math.floor(random() * 9)}T10:${pad(Math.floor(random() * 60))}:00Z`;

/** Line makers: each returns [line, kinds it holds]. */
const POSITIVE_LINES = [
  () => [`${ts()} INFO mailer: Dear ${fullName()}, your order has shipped`, ['person_name']],
  () => [`${ts()} INFO refund issued name=${fullName()} amount=12.00`, ['person_name']],
  () => [`${ts()} WARN crm: customer: ${fullName()} requested a callback`, ['person_name']],
  () => [`{"ts":"${ts()}","recipient":{"name":"${fullName()}"},"status":"sent"}`, ['person_name']],
  () => [`{"ts":"${ts()}","firstName":"${pick(GIVEN)}","lastName":"${pick(FAMILY)}"}`, ['person_name']],
  () => [`${ts()} INFO kyc: applicant dob=${birthDate()} verified`, ['date_of_birth']],
  () => [`{"ts":"${ts()}","customer":{"birthDate":"${birthDate()}"}}`, ['date_of_birth']],
  () => [`${ts()} INFO shipping to ${usAddress()}`, ['postal_address']],
  () => [`{"ts":"${ts()}","shipping":{"address":"${address()}"}}`, ['postal_address']],
  () => [`${ts()} INFO checkout zip=${10000 + Math.floor(random() * 89999)} total=9.99`, ['postal_code']],
  () => [
    `${ts()} INFO signup full_name="${fullName()}" dob=${birthDate()} address="${usAddress()}"`,
    ['person_name', 'date_of_birth', 'postal_address'],
  ],
];
const HARD_NEGATIVE_LINES = [
  () => `${ts()} INFO [main] com.acme.${pick(['orders', 'payments'])}.OrderService - ${pick(SERVICES)} started`,
  () => `${ts()} WARN Payment Failed for order ${10000 + Math.floor(random() * 9999)}, retrying`,
  () => `${ts()} INFO shipping from ${pick(CITIES)} to ${pick(CITIES)} via Royal Mail`,
  () => `{"ts":"${ts()}","service_name":"${pick(SERVICES)}","created_at":"${ts()}","expiry_date":"2027-01-31"}`,
  () => `${ts()} INFO user=${pick(GIVEN).toLowerCase()}${Math.floor(random() * 99)} ordered Apple MacBook Pro`,
  () => `${ts()} INFO created_at=${birthDate()} order_date=${birthDate()} status=Shipped`,
  () => `${ts()} INFO Happy Birthday campaign ends 2026-12-31, sent to ${Math.floor(random() * 999)} users`,
  () => `${ts()} DEBUG class=UserProfileController method=updateAddress took ${Math.floor(random() * 99)}ms`,
  () => `${ts()} INFO report for ${pick(CITIES)} written to /tmp/${pick(CITIES).replace(' ', '_')}.csv`,
  () => `${ts()} INFO compressed ${10000 + Math.floor(random() * 89999)} bytes into a zip archive`,
  () => `${ts()} INFO sent report to ${fullName()} at the end of the day`,
];
/** Columns and the kind of their values; `null` for columns that hold none. */
const COLUMNS = [
  ['full_name', 'person_name', fullName],
  ['first_name', 'person_name', () => pick(GIVEN)],
  ['customer_name', 'person_name', fullName],
  ['date_of_birth', 'date_of_birth', birthDate],
  ['address', 'postal_address', address],
  ['zip', 'postal_code', () => String(10000 + Math.floor(random() * 89999))],
  ['product_name', null, () => pick(['Rose Gold Watch', 'Grant Stone Desk', 'Wireless Mouse'])],
  ['created_at', null, ts],
  ['city', null, () => pick(CITIES)],
  ['last_order', null, birthDate],
];

const set = createDetectorSet(detectors);
/** A column rule's `notPersonal` words drop a column's findings (as the column verdicts do). */
const dropsColumn = (id, hint) =>
  toKeyTokens(hint).some((w) => set.detectors.find((d) => d.id === id)?.column?.notPersonal?.includes(w));
const kindsIn = (text, hint) =>
  new Set(
    analyzeLine(set, { text, line: 1, ...(hint ? { hint } : {}) }, { showValues: false, serviceField: 'service' })
      .filter((o) => o.form === 'plaintext' && KINDS.includes(o.detector))
      .filter((o) => hint === undefined || !dropsColumn(o.detector, hint))
      .map((o) => o.detector),
  );
const missed = [];
const counts = Object.fromEntries(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
function score(found, expected, text) {
  for (const k of KINDS) {
    if (found.has(k) && expected.includes(k)) counts[k].tp++;
    else if (found.has(k)) counts[k].fp++;
    else if (expected.includes(k)) {
      counts[k].fn++;
      missed.push(`${k}: ${text}`);
    }
  }
}

const N = Number(process.env.IDENTITY_SAMPLES ?? 2000);
let flagged = 0;
for (let i = 0; i < N; i++) {
  const [line, expected] = pick(POSITIVE_LINES)();
  score(kindsIn(line), expected, line);
  const negative = pick(HARD_NEGATIVE_LINES)();
  const found = kindsIn(negative);
  if (found.size > 0) flagged++;
  score(found, [], negative);
  const [column, kind, value] = pick(COLUMNS);
  const v = value();
  score(kindsIn(v, column), kind === null ? [] : [kind], `${column}: ${v}`);
}

const f1 = ({ tp, fp, fn }) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
const fixed = (x) => x.toFixed(3);
console.log(`generated corpus (not held out): ${N} positive lines, ${N} hard-negative lines, ${N} column values`);
for (const k of KINDS) {
  const { tp, fp, fn } = counts[k];
  console.log(
    `${k.padEnd(15)} precision ${fixed(tp / (tp + fp || 1))} recall ${fixed(tp / (tp + fn || 1))} F1 ${fixed(f1(counts[k]))}  (tp ${tp} fp ${fp} fn ${fn})`,
  );
}
const total = KINDS.reduce((t, k) => ({ tp: t.tp + counts[k].tp, fp: t.fp + counts[k].fp, fn: t.fn + counts[k].fn }), {
  tp: 0,
  fp: 0,
  fn: 0,
});
console.log(`micro-F1 ${fixed(f1(total))}; hard-negative lines flagged ${((100 * flagged) / N).toFixed(2)}%`);
if (process.env.IDENTITY_SHOW_MISSED) console.log([...new Set(missed)].join('\n'));
