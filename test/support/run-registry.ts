/**
 * The registry of the supervised run this process belongs to (scripts/run-scope.sh: npm start,
 * npm test, npm run bench): what is written here is undone when the run ends, on every way out.
 */
import { appendFileSync, existsSync } from 'node:fs';
import path from 'node:path';

/** Registers something this process created for the run's teardown; a no-op outside a supervised run. */
export function registerForTeardown(kind: 'user', value: string): void {
  const dir = process.env.AKSC_RUN_DIR;
  if (!dir || !existsSync(dir)) return;
  appendFileSync(path.join(dir, 'registry'), `${kind} ${value}\n`);
}
