// The 1,000,000-row table of user-like data the table benchmarks scan, in a database of its own on
// PIISCAN_TEST_PG_URL's server or a throwaway one (test/servers). BENCH_ROWS sets the row count.
import { execFileSync } from 'node:child_process';
import { useServer } from './server.js';

export const BENCH_ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

const psql = (target, ...args) => execFileSync('psql', [target, '-qAt', ...args], { encoding: 'utf8' });

/** The statement that makes `users_like` with `rows` rows (bench:db, bench:locate). */
export function usersLikeSql(rows) {
  return `CREATE TABLE users_like AS
    SELECT i AS id, 'user' || i || '@example.com' AS email, '+1 202-555-01' || lpad((i % 100)::text, 2, '0') AS phone,
           'Customer ' || i AS full_name, i || ' Example Street' AS address,
           CASE WHEN i % 50 = 0 THEN 'call back on 020 7946 0' || lpad((i % 1000)::text, 3, '0') ELSE 'no notes' END AS notes,
           encode(sha256(('u' || i)::bytea), 'hex') AS email_sha256, now() AS created
      FROM generate_series(1, ${rows}) i`;
}

/** Loads `users_like`; returns the database's URL, the table's size as COPY text and drop(). */
export function createUsersTable(rows = BENCH_ROWS) {
  const server = useServer('postgres.sh', 'PIISCAN_TEST_PG_URL', 'PIISCAN_TEST_PG_DIR');
  const adminUrl = server.address;
  const url = new URL(adminUrl);
  url.pathname = '/piiscan_bench';
  psql(adminUrl, '-c', 'DROP DATABASE IF EXISTS piiscan_bench', '-c', 'CREATE DATABASE piiscan_bench');
  process.stdout.write(`loading ${rows.toLocaleString('en-US')} rows ... `);
  psql(url.toString(), '-c', usersLikeSql(rows), '-c', 'ANALYZE users_like');
  console.log('done');
  const bytes = Number(psql(url.toString(), '-c', "\\copy (SELECT * FROM users_like) TO PROGRAM 'wc -c'").trim());
  return {
    url: url.toString(),
    bytes,
    drop() {
      psql(adminUrl, '-c', 'DROP DATABASE IF EXISTS piiscan_bench');
      server.stop();
    },
  };
}
