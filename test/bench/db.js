// `npm run bench:db`: a full piiscan scan of a 1,000,000-row table of user-like data next to
// `psql \copy` of the same table to /dev/null, taking turns (table.js). Uses PIISCAN_TEST_PG_URL,
// or starts a throwaway server (test/servers). BENCH_ROWS sets the row count.
import { execFileSync } from 'node:child_process';
import { useServer } from './server.js';
import { ROWS, runTableBench } from './table.js';
import { usersLikeSql } from './users-table.js';

const server = useServer('postgres.sh', 'PIISCAN_TEST_PG_URL', 'PIISCAN_TEST_PG_DIR');
const psql = (target, ...args) => execFileSync('psql', [target, '-qAt', ...args], { encoding: 'utf8' });
const copyTo = (to) => `\\copy (SELECT * FROM users_like) TO ${to}`;

runTableBench({
  server,
  admin: (sql) => psql(server.address, '-c', sql),
  load: (url) => psql(url, '-c', usersLikeSql(ROWS), '-c', 'ANALYZE users_like'),
  measureBytes: (url) => Number(psql(url, '-c', copyTo("PROGRAM 'wc -c'")).trim()),
  format: 'COPY text',
  reference: (url) => ({
    name: 'psql \\copy to /dev/null',
    short: 'psql',
    command: 'psql',
    args: [url, '-qc', copyTo("'/dev/null'")],
  }),
  target: ' (target >= 0.5)',
});
