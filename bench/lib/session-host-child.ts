/**
 * The session process of the session-process bench (the stand-in for Electron's `utilityProcess`):
 * a forked Node process running the real session code (`session-host.ts`), talking to its parent
 * over the fork channel with structured-clone serialization, as utilityProcess's postMessage does.
 * It ends with its parent: Ctrl+C reaches the whole process group, so it ignores SIGINT and
 * cleans up when the parent closes it or its channel goes away.
 */
import { startSessionHost, type SessionHost } from './session-host';
import type { FromHost, ToHost } from './session-host-messages';

const send = (message: FromHost): void => {
  if (process.connected) process.send!(message);
};
let host: SessionHost | undefined;
let closing: Promise<void> | undefined;

async function close(): Promise<void> {
  closing ??= (async () => {
    await host?.close().catch(() => undefined);
    host = undefined;
  })();
  return closing;
}

async function handle(message: ToHost): Promise<void> {
  switch (message.op) {
    case 'start':
      host = await startSessionHost(message.sshd, (frame) => send({ op: 'frame', ...frame }));
      send({ op: 'started', dir: host.dir });
      return;
    case 'open':
      send({ op: 'opened', sessionIds: await host!.open(message.count) });
      return;
    case 'write':
      host?.write(message.sessionId, message.data);
      return;
    case 'ack':
      host?.ack(message.sessionId, message.bytes);
      return;
    case 'focus':
      host?.focus(message.sessionId);
      return;
    case 'close':
      await close();
      send({ op: 'closed' });
      process.disconnect();
      return;
  }
}

process.on('SIGINT', () => undefined);
process.on('message', (message: ToHost) => {
  handle(message).catch((error: unknown) => send({ op: 'failed', message: error instanceof Error ? error.message : String(error) }));
});
process.on('disconnect', () => {
  void close().then(() => process.exit(0));
});
