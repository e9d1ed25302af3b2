/**
 * kubectl's credential helper as a plain Node entry (development, tests, `npm run bench`). Packaged
 * builds run the same code as `<app binary> --kube-credential …` from `index.ts`, before any window
 * or Chromium state exists. It never prompts and never waits longer than its timeout.
 */
import { runHelper } from './services/kubectl-credentials/helper-client';

process.exitCode = await runHelper(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
