// `npm run bench:db`: a full piiscan scan of a 1,000,000-row table of user-like data next to
// `psql \copy` of the same table to /dev/null, taking turns (BENCH_RUNS each, default 3). Prints
// the median seconds and the range, rows/s, MB/s, the ratio of the medians and piiscan's peak
// RSS. Uses PIISCAN_TEST_PG_URL, or starts a throwaway server (test/servers). BENCH_ROWS sets the
// row count.
import { execFileSync } from 'node:child_process';
import { useServer } from './server.js';
import { inTurns, printBaselineRatios, printTableRates, RUNS, withBaseline } from './measure.js';
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const server = useServer('postgres.sh', 'PIISCAN_TEST_PG_URL', 'PIISCAN_TEST_PG_DIR');
const adminUrl = server.address;
const url = new URL(adminUrl);
url.pathname = '/piiscan_bench';
const psql = (target, ...args) => execFileSync('psql', [target, '-qAt', ...args], { encoding: 'utf8' });

try {
  psql(adminUrl, '-c', 'DROP DATABASE IF EXISTS piiscan_bench', '-c', 'CREATE DATABASE piiscan_bench');
  process.stdout.write(`loading ${rows.toLocaleString('en-US')} rows ... `);
  psql(
    url.toString(),
    '-c',
    `CREATE TABLE users_like AS
    SELECT i AS id, 'user' || i || '@example.com' AS email, '+1 202-555-01' || lpad((i % 100)::text, 2, '0') AS phone,
           'Customer ' || i AS full_name, i || ' Example Street' AS address,
           CASE WHEN i % 50 = 0 THEN 'call back on 020 7946 0' || lpad((i % 1000)::text, 3, '0') ELSE 'no notes' END AS notes,
           encode(sha256(('u' || i)::bytea), 'hex') AS email_sha256, now() AS created
      FROM generate_series(1, ${rows}) i`,
    '-c',
    'ANALYZE users_like',
  );
  console.log('done');
  const bytes = Number(psql(url.toString(), '-c', "\\copy (SELECT * FROM users_like) TO PROGRAM 'wc -c'").trim());
  const timed = inTurns(
    withBaseline([
      {
        name: 'psql \\copy to /dev/null',
        command: 'psql',
        args: [url.toString(), '-qc', "\\copy (SELECT * FROM users_like) TO '/dev/null'"],
      },
      {
        name: 'piiscan scan --full',
        command: process.execPath,
        args: [
          'bin/piiscan.js',
          'scan',
          url.toString(),
          '--full',
          '--format',
          'json',
          '--output',
          '/dev/null',
          '--quiet',
        ],
      },
    ]),
  );
  const [copy, scan] = timed.values();
  const mb = bytes / 1e6;
  console.log(
    `table: ${rows.toLocaleString('en-US')} rows, ${mb.toFixed(0)} MB as COPY text; ${RUNS} runs each, in turns`,
  );
  printTableRates(timed, { rows, mb });
  console.log(`ratio piiscan/psql (medians): ${(copy.seconds / scan.seconds).toFixed(3)} (target >= 0.5)`);
  printBaselineRatios(timed);
} finally {
  psql(adminUrl, '-c', 'DROP DATABASE IF EXISTS piiscan_bench');
  server.stop();
}
