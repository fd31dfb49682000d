#!/usr/bin/env node
// The only place that touches the process: run the CLI, write its output, set the exit code.

// Node lines before 22 lack what piiscan uses (the compile cache's status, a thread's CPU time):
// one line saying so, exit code 2, rather than a TypeError from the first of them.
if (Number(process.versions.node.split('.')[0]) < 22) {
  process.stderr.write(`piiscan: needs Node.js 22.22, 24.15, 26 or later; this is ${process.version}\n`);
  process.exit(2);
}

// A reader that stops early (`piiscan scan . | head`) closes the pipe: the rest of the output is
// dropped quietly, as other command-line tools do, and the exit code is still the scan's. Any
// other failure to write the output is one line and exit code 2.
let stdoutClosed = false;
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') return void (stdoutClosed = true);
  process.stderr.write(`piiscan: cannot write the output: ${error.message}\n`);
  process.exit(2);
});
// Each process of a sharded scan pays piiscan's start again, and compiling its modules is a large
// part of it: Node keeps the compiled code in a cache folder (NODE_COMPILE_CACHE, else the system's
// temporary folder) and reuses it the next time. A folder it cannot create or write (a read-only
// file system) only means no cache: the call reports it and never throws, so it is not checked.
// Node releases without the call (before 22.1) start as before. Set before the import below, which
// loads every module. Worker threads read the folder from the environment when they start.
// Node 22 makes the folder with a recursive mkdir that retries for ever where the system says a
// folder's parent is missing though it is there (a TMPDIR under /proc): the cache is only asked
// for when the folder it goes in exists.
const { constants, enableCompileCache } = await import('node:module');
const { existsSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const cache = existsSync(tmpdir()) ? enableCompileCache?.() : undefined;
if (cache?.status === constants.compileCacheStatus.ENABLED) process.env.NODE_COMPILE_CACHE = cache.directory;
const { run } = await import('../dist/src/cli/main.js');

const result = await run(process.argv.slice(2), {
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stdout: (text) => stdoutClosed || process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  writeProgress: (text) => process.stderr.write(text),
});
process.exitCode = result.exitCode;
