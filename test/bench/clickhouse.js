// `npm run bench:clickhouse`: a full piiscan scan of a 1,000,000-row ClickHouse table of user-like
// data next to `clickhouse-client` reading the same table to /dev/null, taking turns (table.js).
// Uses PIISCAN_TEST_CLICKHOUSE_URL (and _TCP_PORT), or starts a throwaway server
// (test/servers/clickhouse.sh). BENCH_ROWS sets the row count.
import { execFileSync } from 'node:child_process';
import { useServer } from './server.js';
import { DATABASE, ROWS, runTableBench } from './table.js';

const server = useServer('clickhouse.sh', 'PIISCAN_TEST_CLICKHOUSE_URL', 'PIISCAN_TEST_CLICKHOUSE_DIR');
const address = new URL(server.address);
const client = [
  '--host',
  address.hostname,
  '--port',
  server.get('PIISCAN_TEST_CLICKHOUSE_TCP_PORT'),
  '--user',
  decodeURIComponent(address.username) || 'default',
  '--password',
  decodeURIComponent(address.password),
];
const query = (sql) => execFileSync('clickhouse-client', [...client, '--query', sql], { encoding: 'utf8' });
const tsv = `SELECT * FROM ${DATABASE}.users_like FORMAT TabSeparated`;

runTableBench({
  server,
  admin: query,
  load: () => {
    query(`CREATE TABLE ${DATABASE}.users_like (id UInt64, email String, phone String, full_name String,
      address String, notes String, email_sha256 String, created DateTime) ENGINE = MergeTree ORDER BY id`);
    query(`INSERT INTO ${DATABASE}.users_like
    SELECT number, concat('user', toString(number), '@example.com'),
           concat('+1 202-555-01', substring(toString(number % 100 + 100), 2)),
           concat('Customer ', toString(number)), concat(toString(number), ' Example Street'),
           if(number % 50 = 0, concat('call back on 020 7946 0', substring(toString(number % 1000 + 1000), 2)), 'no notes'),
           lower(hex(SHA256(concat('u', toString(number))))), now()
      FROM numbers(${ROWS})`);
  },
  measureBytes: () => {
    const tsvBytes = ['-c', 'clickhouse-client "$@" | wc -c', 'tsv-bytes', ...client, '--query', tsv];
    return Number(execFileSync('bash', tsvBytes, { encoding: 'utf8' }).trim());
  },
  format: 'TSV',
  reference: () => ({
    name: 'clickhouse-client to /dev/null',
    short: 'clickhouse-client',
    command: 'clickhouse-client',
    args: [...client, '--query', tsv],
  }),
});
