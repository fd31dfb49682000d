// `npm run bench`: piiscan against ripgrep on the same deterministic corpus, taking turns.
// Prints MB/s (median of BENCH_RUNS runs each, default 3, and the range of seconds), peak RSS and
// the ratio piiscan/ripgrep. BENCH_MB sets the corpus size (default 1024). Then the long lines
// (lines.js).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBenchCorpus } from './corpus.js';
import { printStageOne } from './stage-one.js';
import { inTurns, printBaselineRatios, RUNS, showSeconds, withBaseline } from './measure.js';
import { detectors } from '../../dist/detectors/index.js';
import { createDetectorSet } from '../../dist/src/engine/detector-set.js';
import { toUnionSource } from '../../dist/src/engine/regex.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { dir: corpus, bytes } = await useBenchCorpus();

const hasRipgrep = spawnSync('rg', ['--version']).status === 0;
if (!hasRipgrep) console.log('ripgrep is not installed (apt-get install -y ripgrep): printing piiscan figures only.');
spawnSync('sh', ['-c', `cat ${corpus}/*/*.log > /dev/null`]);

const union = toUnionSource(createDetectorSet(detectors).scannerGroups.flat());
const report = path.join(here, 'report.json');
const commands = [];
if (hasRipgrep)
  commands.push({
    name: 'ripgrep -j1 -o (same alternation)',
    command: 'rg',
    args: ['-j1', '-o', '--no-filename', '-e', union, corpus],
  });
for (const jobs of ['1', '2']) {
  commands.push({
    name: `piiscan --jobs ${jobs}`,
    command: process.execPath,
    args: ['bin/piiscan.js', 'scan', corpus, '--format', 'json', '--output', report, '--quiet', '--jobs', jobs],
  });
}
const rows = [...inTurns(withBaseline(commands))];
const summary = JSON.parse(readFileSync(report, 'utf8')).summary;
rmSync(report);

const mb = bytes / 1e6;
const rg = hasRipgrep ? rows[0][1] : undefined;
console.log(
  `\ncorpus: ${mb.toFixed(0)} MB in test/bench/corpus; piiscan found ${summary.findings} leak sites, ${summary.occurrences} occurrences`,
);
console.log(`${RUNS} runs each, in turns`);
console.log(
  'tool'.padEnd(36),
  'seconds: median (range)'.padStart(24),
  'MB/s'.padStart(8),
  'peak RSS MB'.padStart(12),
  'ratio vs rg'.padStart(12),
);
for (const [name, m] of rows) {
  const ratio = rg ? (rg.seconds / m.seconds).toFixed(2) : '-';
  console.log(
    name.padEnd(36),
    showSeconds(m).padStart(24),
    (mb / m.seconds).toFixed(1).padStart(8),
    m.rssMb.toFixed(0).padStart(12),
    ratio.padStart(12),
  );
}
printBaselineRatios(new Map(rows));
printStageOne(path.join(corpus, 'svc0', 'app-0.log'));

await import('./lines.js');
