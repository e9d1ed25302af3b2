/**
 * The session process's entry: Electron starts it with `utilityProcess.fork` (the packaged build's
 * `session-host.js`), Node hosts (the e2e harness, the demo, tests, benches) with `child_process.fork`.
 * It runs every SSH client, socket and channel for main (`SshClientServer`) and nothing else: no
 * window, no keychain, no token; main answers its host-key, authentication and signing questions.
 * It ends when main does: the parent port or fork channel closing ends it, and it leaves Ctrl+C
 * (sent to the whole process group) to main, which stops it on its way out.
 */
import { SshClientServer } from './services/ssh/session-process/ssh-client-server';
import type { FromSessionProcess, ToSessionProcess } from './services/ssh/session-process/messages';

/** Electron's utilityProcess port, as far as this entry uses it. */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
let server: SshClientServer;
let send: (message: FromSessionProcess) => void = () => undefined;

function stop(): void {
  server.dispose();
  process.exit(0);
}

if (parentPort) {
  send = (message) => parentPort.postMessage(message);
  server = new SshClientServer(send);
  parentPort.on('message', (event) => server.handle(event.data as ToSessionProcess));
} else if (process.send) {
  send = (message) => {
    if (process.connected) process.send!(message);
  };
  server = new SshClientServer(send);
  process.on('message', (message: ToSessionProcess) => server.handle(message));
  process.on('disconnect', stop);
} else {
  process.stderr.write('session-host: this is the console\'s session process; the console starts it.\n');
  process.exit(2);
}
// A defect here must reach main's log (the file operators send), not only stderr; main then sees the exit.
process.on('uncaughtException', (error) => {
  send({ op: 'log', level: 'error', message: 'the session process failed', fields: { error: error instanceof Error ? error.message : String(error) } });
  // The channel sends asynchronously: a moment for the line to leave, then the exit main reports.
  setTimeout(() => process.exit(70), 100);
});
server.hello();
process.on('SIGINT', () => undefined);
process.on('SIGTERM', stop);
