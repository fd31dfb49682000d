// `npm run bench:db`: a full piiscan scan of a 1,000,000-row table of user-like data next to
// `psql \copy` of the same table to /dev/null, in one run. Prints rows/s, MB/s, the ratio and
// piiscan's peak RSS. Uses PIISCAN_TEST_PG_URL, or starts a throwaway server (test/servers).
// BENCH_ROWS sets the row count.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useServer } from './server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const server = useServer('postgres.sh', 'PIISCAN_TEST_PG_URL', 'PIISCAN_TEST_PG_DIR');
const adminUrl = server.address;
const url = new URL(adminUrl);
url.pathname = '/piiscan_bench';
const psql = (target, ...args) => execFileSync('psql', [target, '-qAt', ...args], { encoding: 'utf8' });

function seconds(command, args) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const [s, kb] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { seconds: s, rssMb: kb / 1024 };
}

try {
  psql(adminUrl, '-c', 'DROP DATABASE IF EXISTS piiscan_bench', '-c', 'CREATE DATABASE piiscan_bench');
  process.stdout.write(`loading ${rows.toLocaleString('en-US')} rows ... `);
  psql(url.toString(), '-c', `CREATE TABLE users_like AS
    SELECT i AS id, 'user' || i || '@example.com' AS email, '+1 202-555-01' || lpad((i % 100)::text, 2, '0') AS phone,
           'Customer ' || i AS full_name, i || ' Example Street' AS address,
           CASE WHEN i % 50 = 0 THEN 'call back on 020 7946 0' || lpad((i % 1000)::text, 3, '0') ELSE 'no notes' END AS notes,
           encode(sha256(('u' || i)::bytea), 'hex') AS email_sha256, now() AS created
      FROM generate_series(1, ${rows}) i`, '-c', 'ANALYZE users_like');
  console.log('done');
  const bytes = Number(psql(url.toString(), '-c', "\\copy (SELECT * FROM users_like) TO PROGRAM 'wc -c'").trim());
  const copy = seconds('psql', [url.toString(), '-qc', "\\copy (SELECT * FROM users_like) TO '/dev/null'"]);
  const scan = seconds(process.execPath, ['bin/piiscan.js', 'scan', url.toString(), '--full', '--format', 'json', '--output', '/dev/null', '--quiet']);
  const mb = bytes / 1e6;
  console.log(`table: ${rows.toLocaleString('en-US')} rows, ${mb.toFixed(0)} MB as COPY text`);
  console.log('tool'.padEnd(26), 'seconds'.padStart(8), 'rows/s'.padStart(10), 'MB/s'.padStart(8), 'peak RSS MB'.padStart(12));
  for (const [name, m] of [['psql \\copy to /dev/null', copy], ['piiscan scan --full', scan]]) {
    console.log(name.padEnd(26), m.seconds.toFixed(2).padStart(8), Math.round(rows / m.seconds).toLocaleString('en-US').padStart(10), (mb / m.seconds).toFixed(1).padStart(8), m.rssMb.toFixed(0).padStart(12));
  }
  console.log(`ratio piiscan/psql: ${(copy.seconds / scan.seconds).toFixed(3)} (target >= 0.5)`);
} finally {
  psql(adminUrl, '-c', 'DROP DATABASE IF EXISTS piiscan_bench');
  server.stop();
}
