// Deterministic synthetic log corpus for the benchmark: JSON, access and plain logs, about 2% of
// lines with PII, the rest full of hard negatives (ids, digests, versions, epochs, Luhn failures).
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRandom } from '../../dist/src/connectors/seeded-random.js';

export function createLineMaker(seed, service) {
  const rnd = createRandom(seed);
  const int = (n) => Math.floor(rnd() * n);
  const pick = (items) => items[int(items.length)];
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const ts = () =>
    `2026-11-${String(1 + int(28)).padStart(2, '0')}T${String(int(24)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}.${String(int(1000)).padStart(3, '0')}Z`;
  const pii = [
    () => `user${int(100000)}@example.com`,
    () => `+1 202-555-01${String(int(100)).padStart(2, '0')}`,
    () => `020 7946 0${String(int(1000)).padStart(3, '0')}`,
    () => pick(['4111 1111 1111 1111', '5555555555554444', '378282246310005']),
    () => 'GB82 WEST 1234 5698 7654 32',
    () => `536-22-${String(1000 + int(9000))}`,
    () => `203.0.113.${1 + int(254)}`,
    () => 'AB123456C',
  ];
  const negatives = [
    () => `trace_id=${hex(32)} span_id=${hex(16)}`,
    () => `commit=${hex(40)} version=1.${int(9)}.${int(9)}.${int(99)}`,
    () => `epoch=${1730000000 + int(1000000)} took ${int(2000)}ms`,
    () => `order ${1000000000 + int(999999999)} item 4111111111111112`,
    () => `asset /static/logo@2x.png dep pkg@1.${int(9)}.${int(9)}`,
    () => `ref 912-${10 + int(89)}-${1000 + int(8999)} sha256=${hex(64)}`,
  ];
  const services = ['orders', 'payments', 'users', 'search', 'gateway', 'inventory'];
  return () => {
    const kind = int(10);
    const withPii = rnd() < 0.02;
    const value = withPii ? pick(pii)() : '';
    // Hard negatives (Luhn failures, invalid SSN areas, versions, logo@2x.png) in about 10% of lines;
    // ids, digests, timestamps and durations in every line.
    const negative = !withPii && rnd() < 0.1 ? pick(negatives)() : `span_id=${hex(16)}`;
    if (kind < 4) {
      const extra = withPii ? `,"customer":"${value}"` : `,"note":"${negative}"`;
      return `{"ts":"${ts()}","level":"${pick(['info', 'debug', 'warn'])}","service":"${service}","msg":"${pick(['order created', 'cache miss', 'request done', 'job finished'])}","user_id":"${uuid()}","trace_id":"${hex(32)}","duration_ms":${int(5000)}${extra}}`;
    }
    if (kind < 7) {
      const client = withPii ? `client=${value}` : `client=-`;
      return `lb-${int(9)} - - [0${1 + int(9)}/Nov/2026:${String(int(24)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}:00 +0000] "GET /api/${pick(services)}/${int(1000000)}?page=${int(50)} HTTP/1.1" ${pick([200, 200, 304, 404, 500])} ${int(100000)} "-" "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.6099.${int(200)}" ${client}`;
    }
    return `${ts()} ${pick(['INFO', 'DEBUG', 'WARN'])} [worker-${int(16)}] ${pick(['processed batch', 'flushed queue', 'sent notification'])} ${int(100000)} ${withPii ? `to ${value}` : negative} took ${int(900)}ms`;
  };
}

/** Writes `totalBytes` of logs into `dir` as `files` files spread over service folders. */
export async function writeCorpus(dir, { totalBytes, files = 16, seed = 42 }) {
  const perFile = Math.ceil(totalBytes / files);
  for (let i = 0; i < files; i++) {
    const nextLine = createLineMaker(seed + i, `svc${i % 4}`);
    const file = path.join(dir, `svc${i % 4}`, `app-${i}.log`);
    mkdirSync(path.dirname(file), { recursive: true });
    const out = createWriteStream(file);
    let written = 0;
    while (written < perFile) {
      let block = '';
      while (block.length < 1 << 20) block += `${nextLine()}\n`;
      written += block.length;
      if (!out.write(block)) await new Promise((resolve) => out.once('drain', resolve));
    }
    await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  }
}

/** The bench corpus of `megabytes` in `dir`, written unless the one there is of this size and version. */
export async function ensureCorpus(dir, megabytes) {
  const manifest = path.join(dir, 'manifest.json');
  const wanted = JSON.stringify({ megabytes, seed: 42, version: 3 });
  if (existsSync(manifest) && readFileSync(manifest, 'utf8') === wanted) return;
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`writing a ${megabytes} MB corpus to test/bench/${path.basename(dir)} ... `);
  await writeCorpus(dir, { totalBytes: megabytes * 1024 * 1024 });
  writeFileSync(manifest, wanted);
  console.log('done');
}

/** The bench corpus in test/bench/corpus, of BENCH_MB megabytes (default 1024): its folder and size in bytes. */
export async function useBenchCorpus() {
  const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'corpus');
  await ensureCorpus(dir, Number(process.env.BENCH_MB ?? 1024));
  const du = execFileSync('du', ['-sb', '--exclude=manifest.json', dir], { encoding: 'utf8' });
  return { dir, bytes: Number(du.split('\t')[0]) };
}
