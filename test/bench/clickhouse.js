// `npm run bench:clickhouse`: a full piiscan scan of a 1,000,000-row ClickHouse table of user-like
// data next to `clickhouse-client` reading the same table to /dev/null, taking turns (BENCH_RUNS
// each, default 3). Prints the median seconds and the range, rows/s, MB/s, the ratio of the
// medians and piiscan's peak RSS. Uses PIISCAN_TEST_CLICKHOUSE_URL (and _TCP_PORT), or starts a
// throwaway server (test/servers/clickhouse.sh). BENCH_ROWS sets the row count.
import { execFileSync } from 'node:child_process';
import { useServer } from './server.js';
import { inTurns, printBaselineRatios, printTableRates, RUNS, withBaseline } from './measure.js';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const server = useServer('clickhouse.sh', 'PIISCAN_TEST_CLICKHOUSE_URL', 'PIISCAN_TEST_CLICKHOUSE_DIR');
const url = new URL(server.address);
url.pathname = '/piiscan_bench';
const client = [
  '--host',
  url.hostname,
  '--port',
  server.get('PIISCAN_TEST_CLICKHOUSE_TCP_PORT'),
  '--user',
  decodeURIComponent(url.username) || 'default',
  '--password',
  decodeURIComponent(url.password),
];
const query = (sql) => execFileSync('clickhouse-client', [...client, '--query', sql], { encoding: 'utf8' });

try {
  query('DROP DATABASE IF EXISTS piiscan_bench');
  query('CREATE DATABASE piiscan_bench');
  process.stdout.write(`loading ${rows.toLocaleString('en-US')} rows ... `);
  query(`CREATE TABLE piiscan_bench.users_like (id UInt64, email String, phone String, full_name String,
      address String, notes String, email_sha256 String, created DateTime) ENGINE = MergeTree ORDER BY id`);
  query(`INSERT INTO piiscan_bench.users_like
    SELECT number, concat('user', toString(number), '@example.com'),
           concat('+1 202-555-01', substring(toString(number % 100 + 100), 2)),
           concat('Customer ', toString(number)), concat(toString(number), ' Example Street'),
           if(number % 50 = 0, concat('call back on 020 7946 0', substring(toString(number % 1000 + 1000), 2)), 'no notes'),
           lower(hex(SHA256(concat('u', toString(number))))), now()
      FROM numbers(${rows})`);
  console.log('done');
  const tsv = 'SELECT * FROM piiscan_bench.users_like FORMAT TabSeparated';
  const tsvBytes = ['-c', 'clickhouse-client "$@" | wc -c', 'tsv-bytes', ...client, '--query', tsv];
  const bytes = Number(execFileSync('bash', tsvBytes, { encoding: 'utf8' }).trim());
  const timed = inTurns(
    withBaseline([
      { name: 'clickhouse-client to /dev/null', command: 'clickhouse-client', args: [...client, '--query', tsv] },
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
  const [reference, scan] = timed.values();
  const mb = bytes / 1e6;
  console.log(`table: ${rows.toLocaleString('en-US')} rows, ${mb.toFixed(0)} MB as TSV; ${RUNS} runs each, in turns`);
  printTableRates(timed, { rows, mb });
  console.log(`ratio piiscan/clickhouse-client (medians): ${(reference.seconds / scan.seconds).toFixed(3)}`);
  printBaselineRatios(timed);
} finally {
  query('DROP DATABASE IF EXISTS piiscan_bench');
  server.stop();
}
