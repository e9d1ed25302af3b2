/** The session process as Node hosts run it (tests, the e2e harness, the demo): the TypeScript entry through tsx. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkSessionProcess, SessionProcess, type SessionProcessLauncher } from '../../src-main/services/ssh/session-process';
import type { Logger } from '../../src-main/services/log/logger';

const ENTRY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src-main/session-host.ts');

/** Starts `src-main/session-host.ts` as a forked Node process, as Electron's glue starts the built entry with utilityProcess. */
export function tsxSessionProcess(): SessionProcessLauncher {
  return forkSessionProcess({ entry: ENTRY, execArgv: ['--import', 'tsx'] });
}

/** A session-process link for a test (dispose it in the test's teardown). */
export function testSessionProcess(log: Logger): SessionProcess {
  return new SessionProcess(tsxSessionProcess(), log);
}

/** True when the ssh integration stack should run its clients in the session process (`AKS_TEST_SSH_CLIENTS=session-process`). */
export function sshClientsInSessionProcess(): boolean {
  return process.env.AKS_TEST_SSH_CLIENTS === 'session-process';
}
