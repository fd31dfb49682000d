// `node test/bench/source-eval.js <repository folder>...` (after `npm run build`): how often a log
// site is mapped to the statement that wrote it, on code no one here wrote. Every indexed
// statement of each repository writes one log line (values put where the code substitutes, an
// email first so the line is a finding; JSON when the statement attaches keys), the lines are
// scanned with the repository as the service's source, and each finding's source is compared with
// the statement that wrote its first line. Statements whose message another statement repeats
// word for word cannot be told apart from a line: they are counted apart, as ambiguous.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { indexRepository } from '../../dist/src/source/index-repo.js';
import { cacheFolder } from '../../dist/src/source/cache.js';
import { toWords } from '../../dist/src/source/site-text.js';
import { run } from '../../dist/src/cli/main.js';

const VALUES = ['4821', 'pending', '7f3a9c2e-1b4d-4e6f-8a9b-0c1d2e3f4a5b', '12.5'];

function toLine(statement, i) {
  const values = [`user${i}@example.com`, ...VALUES];
  let message = statement.parts.map((p, k) => (k === 0 ? p : `${values[(k - 1) % values.length]} ${p}`)).join(' ');
  message += ` ${values[(statement.parts.length - 1) % values.length]}`;
  if (!message.includes('@')) message = `${message} for user${i}@example.com`;
  if (statement.keys.length === 0) return `2026-11-02 10:00:00,123 ${statement.method.toUpperCase()} [main] ${message}`;
  const fields = Object.fromEntries(
    statement.keys.map((k, j) => [k, j === 0 ? `user${i}@example.com` : VALUES[j % 4]]),
  );
  return JSON.stringify({ level: 'info', msg: message, ...fields });
}

for (const root of process.argv.slice(2)) {
  const index = await indexRepository(path.resolve(root), cacheFolder(process.env));
  const written = [];
  for (const file of index.files)
    for (const s of file.statements) if (toWords(s.parts.join(' ')).length > 0) written.push({ path: file.path, s });
  const byMessage = new Map();
  for (const w of written) {
    const key = toWords(w.s.parts.join(' ')).join(' ');
    byMessage.set(key, (byMessage.get(key) ?? 0) + 1);
  }
  const logs = mkdtempSync(path.join(tmpdir(), 'piiscan-eval-'));
  mkdirSync(path.join(logs, 'svc'));
  writeFileSync(path.join(logs, 'svc', 'app.log'), written.map((w, i) => toLine(w.s, i)).join('\n') + '\n');
  const result = await run(['scan', 'svc', '--source', `svc=${path.resolve(root)}`, '-f', 'json', '-q'], {
    cwd: logs,
    env: process.env,
  });
  const report = JSON.parse(result.stdout);
  const tally = { sites: 0, right: 0, unmatched: 0, wrong: 0, wrongConfident: 0, ambiguous: 0, ambiguousConfident: 0 };
  const wrongs = [];
  for (const f of report.findings) {
    if (f.detector !== 'email') continue;
    const origin = written[f.locations[0].line - 1];
    const repeated = byMessage.get(toWords(origin.s.parts.join(' ')).join(' ')) > 1;
    const right = f.source && f.source.path === origin.path && f.source.line === origin.s.line;
    if (repeated) {
      tally.ambiguous++;
      if (f.source && !right && f.source.confidence > 0.9) tally.ambiguousConfident++;
      continue;
    }
    tally.sites++;
    if (right) tally.right++;
    else if (!f.source) tally.unmatched++;
    else {
      tally.wrong++;
      if (f.source.confidence > 0.9) tally.wrongConfident++;
      if (wrongs.length < 8)
        wrongs.push(
          `  ${origin.path}:${origin.s.line} ${origin.s.call.slice(0, 80)}\n    -> ${f.source.path}:${f.source.line} ${f.source.confidence} ${f.source.call.slice(0, 80)}`,
        );
    }
  }
  const share = ((100 * tally.right) / Math.max(1, tally.sites)).toFixed(1);
  console.log(
    `${path.basename(root)}: ${index.stats.files} files, ${written.length} statements; ${share}% right`,
    tally,
  );
  if (wrongs.length > 0) console.log(wrongs.join('\n'));
}
