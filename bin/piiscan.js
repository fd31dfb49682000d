#!/usr/bin/env node
// The only place that touches the process: run the CLI, write its output, set the exit code.

// A reader that stops early (`piiscan scan . | head`) closes the pipe: the rest of the output is
// dropped quietly, as other command-line tools do, and the exit code is still the scan's. Any
// other failure to write the output is one line and exit code 2.
let stdoutClosed = false;
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') return void (stdoutClosed = true);
  process.stderr.write(`piiscan: cannot write the output: ${error.message}\n`);
  process.exit(2);
});
const { run } = await import('../dist/src/cli/main.js');

const result = await run(process.argv.slice(2), {
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stdout: (text) => stdoutClosed || process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  writeProgress: (text) => process.stderr.write(text),
});
process.exitCode = result.exitCode;
