/**
 * The session process under Electron: `utilityProcess.fork` of the built `session-host.js` (Chromium's
 * service process model, so a crash there is reported as that service's and never takes the window).
 * Messages posted before the process has spawned are held and sent once it has. Reviewed Electron glue.
 */
import { utilityProcess } from 'electron';
import type { SessionProcessLauncher } from '../services/ssh/session-process';
import type { ToSessionProcess } from '../services/ssh/session-process/messages';

/** A launcher that starts `entry` as a utility process named for the operator's task manager. */
export function utilityProcessLauncher(entry: string): SessionProcessLauncher {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'AKS Access Console sessions', stdio: 'inherit' });
    let held: ToSessionProcess[] | undefined = [];
    child.once('spawn', () => {
      for (const message of held ?? []) child.postMessage(message);
      held = undefined;
    });
    return {
      get pid() {
        return child.pid;
      },
      post: (message) => {
        if (held) held.push(message);
        else child.postMessage(message);
      },
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void child.once('exit', (code) => listener(code)),
      kill: () => void child.kill(),
    };
  };
}
