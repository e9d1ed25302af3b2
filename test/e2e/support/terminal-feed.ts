/**
 * Drives the terminal screen of a harness from the main side: announces a session through the
 * real router (`ssh.state`), feeds its output as `ssh.data` events, and records what the renderer
 * sends back (`ssh.write`, `ssh.ack`) by observing the router's dispatch. Used by the hostile-output
 * and paste e2e tests, which need byte-exact control of what "the remote side" prints.
 */
import type { EventPayload, InvokeChannel } from '../../../src-main/ipc/contract';
import type { Harness } from '../harness';

/** What the renderer sent for one session. */
export interface TerminalTraffic {
  readonly writes: string[];
  readonly acked: () => number;
}

/** Announces a session and starts recording the renderer's writes and acknowledgements. */
export function announceSession(h: Harness, sessionId: string, label = 'jump box (test feed)'): TerminalTraffic {
  const writes: string[] = [];
  let acked = 0;
  const router = h.core.router;
  const original = router.dispatch.bind(router);
  router.dispatch = async (channel, payload, sender) => {
    const p = payload as { sessionId?: string; data?: string; bytes?: number } | undefined;
    if (p?.sessionId === sessionId && channel === 'ssh.write' && typeof p.data === 'string') writes.push(p.data);
    if (p?.sessionId === sessionId && channel === 'ssh.ack' && typeof p.bytes === 'number') acked += p.bytes;
    if (p?.sessionId === sessionId && (['ssh.write', 'ssh.ack', 'ssh.resize'] as InvokeChannel[]).includes(channel as InvokeChannel)) {
      return { ok: true, data: channel === 'ssh.write' ? { accepted: true } : channel === 'ssh.ack' ? { ok: true } : { resized: true } };
    }
    return original(channel, payload, sender);
  };
  const info: EventPayload<'ssh.state'> = {
    sessionId,
    label,
    route: 'bastion',
    host: '10.1.0.4',
    port: 22,
    username: 'azureuser',
    state: 'open',
    cols: 120,
    rows: 32,
    bytesIn: 0,
    bytesOut: 0,
    openedAt: new Date().toISOString(),
    reconnects: 0,
  };
  router.emit('ssh.state', info);
  return { writes, acked: () => acked };
}

/** Sends output for the session in chunks of at most `chunk` characters. */
export function feed(h: Harness, sessionId: string, data: string, chunk = 64 * 1024): void {
  for (let i = 0; i < data.length; i += chunk) {
    const part = data.slice(i, i + chunk);
    h.core.router.emit('ssh.data', { sessionId, data: part, bytes: Buffer.byteLength(part) });
  }
}
