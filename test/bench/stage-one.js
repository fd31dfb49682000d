// Stage one alone (part of `npm run bench`): the byte scanner's MB/s over one corpus file (one union
// of every pattern until it is found slow), each of its groups alone, and the groups as separate
// passes, which is what the scanner splits into when the union is slow (all never split).
// A union that outgrows RE2's DFA memory drops to RE2's slow engine, hundreds of times slower; a
// union under SLOW MB/s is named as a warning, so the benchmark catches a detector that does that.
import { readFileSync } from 'node:fs';
import { detectors } from '../../dist/detectors/index.js';
import { createDetectorSet } from '../../dist/src/engine/detector-set.js';
import { NEVER_SPLIT, compileByteScanner } from '../../dist/src/engine/regex.js';

/** Below this a union has left RE2's DFA: a DFA runs at hundreds of MB/s, the slow engine at a few. */
const SLOW = 50;

function megabytesPerSecond(scanner, buffer) {
  scanner.lineStarts(buffer); // builds the DFA's states, so the timed runs see a warm DFA
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    scanner.lineStarts(buffer);
    best = Math.min(best, performance.now() - start);
  }
  return buffer.length / 1e6 / (best / 1e3);
}

export function printStageOne(file) {
  const buffer = readFileSync(file);
  const set = createDetectorSet(detectors);
  const groups = set.scannerGroups.map((group) => compileByteScanner([group], NEVER_SPLIT));
  const rows = [
    // The scanner as a scan runs it: a union found slow here is split, and the row says into how many passes.
    ['the scanner', megabytesPerSecond(set.scanner, buffer)],
    ...set.scannerGroups.map((group, i) => [
      `group ${i + 1} alone (${group.length} patterns)`,
      megabytesPerSecond(groups[i], buffer),
    ]),
    [
      `the ${groups.length} groups in separate passes`,
      megabytesPerSecond({ lineStarts: (b) => groups.map((g) => g.lineStarts(b)) }, buffer),
    ],
  ];
  console.log(`\nstage one alone over ${(buffer.length / 1e6).toFixed(1)} MB (best of 3, warm)`);
  rows[0][0] = `the scanner (${set.scanner.passes()} passes)`;
  for (const [name, mbs] of rows) console.log(name.padEnd(44), `${mbs.toFixed(0)} MB/s`.padStart(12));
  for (const [name, mbs] of rows.slice(1))
    if (mbs < SLOW) console.log(`WARNING: stage one's ${name} runs at ${mbs.toFixed(1)} MB/s: split it`);
}
