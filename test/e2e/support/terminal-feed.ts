/**
 * Drives the terminal screen of a harness from the main side: announces a session through the
 * real router (`ssh.state`), answers the renderer's `ssh.port` for it with a real harness data
 * port, feeds its output on that port, and records what the renderer sends back on it (keystrokes,
 * acknowledgements). Used by the hostile-output and paste e2e tests, which need byte-exact control
 * of what "the remote side" prints.
 */
import { isPortInput, type EventPayload, type InvokeChannel, type PortOutput } from '../../../src-main/ipc/contract';
import type { PortEnd } from '../../../src-main/ipc/router';
import type { Harness } from '../harness';

/** The fed sessions of each harness: their port once the renderer asked, and output fed before that. */
const fedPorts = new WeakMap<Harness, Map<string, { end?: PortEnd; early: PortOutput[] }>>();

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
  const fed = fedPorts.get(h) ?? new Map<string, { end?: PortEnd; early: PortOutput[] }>();
  fedPorts.set(h, fed);
  const link: { end?: PortEnd; early: PortOutput[] } = { early: [] };
  fed.set(sessionId, link);
  router.dispatch = async (channel, payload, sender) => {
    const p = payload as { sessionId?: string; data?: string; bytes?: number; nonce?: string } | undefined;
    if (p?.sessionId === sessionId && channel === 'ssh.port' && typeof p.nonce === 'string') {
      link.end?.close();
      const end = h.openPort({ sessionId, nonce: p.nonce });
      end.onMessage((message) => {
        if (!isPortInput(message)) return;
        for (const data of message.input ?? []) writes.push(data);
        acked += message.ack ?? 0;
      });
      link.end = end;
      for (const frame of link.early.splice(0)) end.post(frame);
      return { ok: true, data: { opened: true } };
    }
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

/** Sends output for the session on its data port, in chunks of at most `chunk` characters (held until the renderer opens the port). */
export function feed(h: Harness, sessionId: string, data: string, chunk = 64 * 1024): void {
  const link = fedPorts.get(h)?.get(sessionId);
  if (!link) throw new Error(`feed: session ${sessionId} was not announced`);
  for (let i = 0; i < data.length; i += chunk) {
    const part = data.slice(i, i + chunk);
    const frame = { data: part, bytes: Buffer.byteLength(part) };
    if (link.end) link.end.post(frame);
    else link.early.push(frame);
  }
}
