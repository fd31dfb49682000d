// `npm run bench:db`: a full piiscan scan of a 1,000,000-row table of user-like data next to
// `psql \copy` of the same table to /dev/null, taking turns (BENCH_RUNS each, default 3). Prints
// the median seconds and the range, rows/s, MB/s, the ratio of the medians and piiscan's peak
// RSS. Uses PIISCAN_TEST_PG_URL, or starts a throwaway server (test/servers). BENCH_ROWS sets the
// row count.
import { createUsersTable, BENCH_ROWS as rows } from './users-table.js';
import { inTurns, printBaselineRatios, printTableRates, RUNS, withBaseline } from './measure.js';

const table = createUsersTable();
try {
  const timed = inTurns(
    withBaseline([
      {
        name: 'psql \\copy to /dev/null',
        command: 'psql',
        args: [table.url, '-qc', "\\copy (SELECT * FROM users_like) TO '/dev/null'"],
      },
      {
        name: 'piiscan scan --full',
        command: process.execPath,
        args: ['bin/piiscan.js', 'scan', table.url, '--full', '--format', 'json', '--output', '/dev/null', '--quiet'],
      },
    ]),
  );
  const [copy, scan] = timed.values();
  const mb = table.bytes / 1e6;
  console.log(
    `table: ${rows.toLocaleString('en-US')} rows, ${mb.toFixed(0)} MB as COPY text; ${RUNS} runs each, in turns`,
  );
  printTableRates(timed, { rows, mb });
  console.log(`ratio piiscan/psql (medians): ${(copy.seconds / scan.seconds).toFixed(3)} (target >= 0.5)`);
  printBaselineRatios(timed);
} finally {
  table.drop();
}
