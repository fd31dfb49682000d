#!/usr/bin/env node
// The only place that touches the process: run the CLI, write its output, set the exit code.

// piiscan supports Node 20; the AWS SDK's notice that its future releases will not is not for our users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { run } = await import('../dist/src/cli/main.js');

const result = await run(process.argv.slice(2), {
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  writeProgress: (text) => process.stderr.write(text),
});
process.exitCode = result.exitCode;
