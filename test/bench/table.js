// One database table's benchmark, shared by bench:db and bench:clickhouse: a database
// `piiscan_bench` made anew, one table loaded, then a full piiscan scan of it and the server's own
// client reading the same table to /dev/null, taking turns (BENCH_RUNS each, default 3). Prints the
// median seconds and the range, rows/s, MB/s, the ratio of the medians and piiscan's peak RSS; drops
// the database and stops the server at the end.
import { inTurns, printBaselineRatios, printTableRates, RUNS, withBaseline } from './measure.js';

/** The database each table benchmark makes and drops. */
export const DATABASE = 'piiscan_bench';

/** Rows of the benchmark table (BENCH_ROWS, default 1,000,000). */
export const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

/**
 * Runs the benchmark. `server` is useServer()'s; `admin(sql)` runs one statement as the server's
 * admin; with `url` the benchmark database's URL, `load(url)` makes the table, `measureBytes(url)`
 * is its size in `format` and `reference(url)` ({ name, short, command, args }) is the client's
 * read, `short` its name in the ratio line; `target` follows the ratio.
 */
export function runTableBench({ server, admin, load, measureBytes, format, reference, target = '' }) {
  const address = new URL(server.address);
  address.pathname = `/${DATABASE}`;
  const url = address.toString();
  try {
    admin(`DROP DATABASE IF EXISTS ${DATABASE}`);
    admin(`CREATE DATABASE ${DATABASE}`);
    process.stdout.write(`loading ${ROWS.toLocaleString('en-US')} rows ... `);
    load(url);
    console.log('done');
    const bytes = measureBytes(url);
    const args = ['bin/piiscan.js', 'scan', url, '--full', '--format', 'json', '--output', '/dev/null', '--quiet'];
    const { short, ...read } = reference(url);
    const timed = inTurns(withBaseline([read, { name: 'piiscan scan --full', command: process.execPath, args }]));
    const [client, scan] = timed.values();
    const mb = bytes / 1e6;
    console.log(
      `table: ${ROWS.toLocaleString('en-US')} rows, ${mb.toFixed(0)} MB as ${format}; ${RUNS} runs each, in turns`,
    );
    printTableRates(timed, { rows: ROWS, mb });
    console.log(`ratio piiscan/${short} (medians): ${(client.seconds / scan.seconds).toFixed(3)}${target}`);
    printBaselineRatios(timed);
  } finally {
    admin(`DROP DATABASE IF EXISTS ${DATABASE}`);
    server.stop();
  }
}
