// `npm run bench:source`: time to index a generated repository of BENCH_SOURCE_FILES files
// (default 5,000; Java, Python, TypeScript, Go, C# and Ruby in turn, each with a few log
// statements among other code), cold (empty cache: every file parsed) and warm (every file read
// from the cache), and the time to match a site against the index.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { indexRepository } from '../../dist/src/source/index-repo.js';
import { createStatementMatcher } from '../../dist/src/source/match.js';

const FILES = Number(process.env.BENCH_SOURCE_FILES ?? 5000);
const TEMPLATES = {
  java: (i) =>
    `package acme.m${i};\nclass C${i} {\n  void f(String e, long id) {\n    int x = compute(id) + ${i};\n    log.info("order {} created for {} in module ${i}", id, e);\n    if (x > 3) log.warn("slow order {} step ${i}", id);\n  }\n}\n`,
  py: (i) =>
    `import logging\nlog = logging.getLogger(__name__)\n\ndef handle_${i}(user):\n    total = sum(range(${i}))\n    log.info("user %s handled by worker ${i}", user.email)\n    return total\n`,
  ts: (i) =>
    `import pino from 'pino';\nconst logger = pino();\nexport function run${i}(email: string): number {\n  const n = email.length * ${i};\n  logger.info({ email }, 'signup ${i} processed');\n  return n;\n}\n`,
  go: (i) =>
    `package m${i}\n\nimport "log/slog"\n\nfunc Handle${i}(email string) int {\n\tslog.Info("shipment ${i} created", "email", email)\n\treturn len(email) + ${i}\n}\n`,
  cs: (i) =>
    `class S${i} {\n  void Send(string email) {\n    _logger.LogInformation("Invoice ${i} sent to {Email}", email);\n  }\n}\n`,
  rb: (i) => `class C${i}\n  def create\n    Rails.logger.info "Customer ${i} signed up with #{email}"\n  end\nend\n`,
};
const kinds = Object.keys(TEMPLATES);

const root = mkdtempSync(path.join(tmpdir(), 'piiscan-bench-source-'));
const cache = mkdtempSync(path.join(tmpdir(), 'piiscan-bench-cache-'));
for (let i = 0; i < FILES; i++) {
  const kind = kinds[i % kinds.length];
  const dir = path.join(root, 'src', `pkg${Math.floor(i / 100)}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `file${i}.${kind}`), TEMPLATES[kind](i));
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
let start = performance.now();
const cold = await indexRepository(root, cache);
const coldMs = performance.now() - start;
start = performance.now();
const warm = await indexRepository(root, cache);
const warmMs = performance.now() - start;
const statements = warm.files.reduce((n, f) => n + f.statements.length, 0);
start = performance.now();
const matcher = createStatementMatcher(warm.files);
const sites = 200;
for (let i = 0; i < sites; i++) matcher.match(`<ts> INFO order <num> created for <email> in module ${i * 7}`);
const matchMs = performance.now() - start;
console.log(`${FILES} files, ${statements} statements`);
console.log(
  `cold index: ${seconds(coldMs)} (${cold.stats.parsed} parsed), ${Math.round(FILES / (coldMs / 1000))} files/s`,
);
console.log(`warm index: ${seconds(warmMs)} (${warm.stats.cached} from cache)`);
console.log(`matcher build + ${sites} sites: ${seconds(matchMs)}`);
rmSync(root, { recursive: true, force: true });
rmSync(cache, { recursive: true, force: true });
