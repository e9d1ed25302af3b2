import { isPortInput, type InvokeChannel, type PortOutput } from './contract';
import type { IpcEnvelope } from './contract/define';
import type { IpcRouter, PortEnd, SenderInfo } from './router';
import { AppError } from '../services/errors/app-error';
import type { Logger } from '../services/log/logger';
import type { SessionManager } from '../services/sessions/session-manager';

/** One session's link to the window that opened it: its port once asked for, and output held until then. */
interface Link {
  readonly owner: SenderInfo;
  port: PortEnd | undefined;
  readonly pending: PortOutput[];
}

/** Invokes whose answer makes the asking window a session's owner. */
const OPENING = new Set<InvokeChannel>(['ssh.open', 'kubectl.openTerminal']);

/**
 * The terminal data plane beside the router (as VS Code does for its terminals): each session gets
 * its own port to the window that opened it, asked for once with `ssh.port` (sender check and
 * payload validation by the router). After that, output batches go out as they are, with no
 * schema parse, no envelope and no observer (audit records the session, never a batch); keystrokes,
 * resizes and acknowledgements come back on the same port, keystrokes first, and pass the same
 * gates (the idle lock) an `ssh.write`, `ssh.resize` or `ssh.ack` invoke passes. Output before the
 * port opens is held, bounded by flow control (nothing is acknowledged before the page has it).
 * A port closes with its session.
 */
export class SessionPorts {
  private readonly links = new Map<string, Link>();
  private readonly disposers: Array<() => void>;

  /** Watches the router for sessions opened and taken over, and the manager for their output and end. */
  constructor(
    private readonly router: IpcRouter,
    private readonly manager: SessionManager,
    private readonly log: Logger,
  ) {
    this.disposers = [
      router.observeDispatch(({ channel, envelope, sender }) => this.observe(channel, envelope, sender)),
      manager.onDidData(({ sessionId, data, bytes }) => this.output(sessionId, { data, bytes })),
      manager.onDidChangeSession(({ sessionId }) => {
        if (!manager.has(sessionId)) this.drop(sessionId);
      }),
    ];
  }

  /** Opens the session's port to `sender`, which must be the window that opened (or took over) it. */
  open(sessionId: string, nonce: string, sender: SenderInfo): boolean {
    this.manager.session(sessionId);
    const link = this.links.get(sessionId);
    if (!link || link.owner.senderId !== sender.senderId) {
      this.log.warn('refused a session port to another window', { sessionId });
      throw new AppError('ssh.port_refused', 'This terminal belongs to another window.');
    }
    const end = this.router.openPort(sender, { sessionId, nonce });
    if (!end) throw new AppError('ssh.port_unavailable', 'The terminal could not be connected to this window.');
    link.port?.close();
    link.port = end;
    end.onMessage((message) => {
      if (link.port === end) this.input(sessionId, link, message);
    });
    end.onClose(() => {
      if (link.port === end) link.port = undefined;
    });
    for (const frame of link.pending.splice(0)) end.post(frame);
    return true;
  }

  /** Closes every port and stops watching. */
  dispose(): void {
    for (const off of this.disposers) off();
    for (const id of [...this.links.keys()]) this.drop(id);
  }

  private observe(channel: InvokeChannel, envelope: IpcEnvelope, sender: SenderInfo): void {
    if (!envelope.ok) return;
    const data = envelope.data as { sessionId?: string };
    if (OPENING.has(channel) && typeof data.sessionId === 'string') this.own(data.sessionId, sender);
  }

  /**
   * A fresh page takes the sessions over (`ssh.reattach`): the old page's ports close and output
   * is held for the new one. Call before the streams are released: a stream resumed by the takeover
   * may flush a batch at once, and that batch must wait for the new page, not go to the old port.
   */
  takeOver(sessionIds: readonly string[], sender: SenderInfo): void {
    for (const id of sessionIds) this.own(id, sender);
  }

  private own(sessionId: string, owner: SenderInfo): void {
    this.links.get(sessionId)?.port?.close();
    this.links.set(sessionId, { owner, port: undefined, pending: [] });
  }

  private output(sessionId: string, frame: PortOutput): void {
    const link = this.links.get(sessionId);
    if (!link) return;
    if (link.port) link.port.post(frame);
    else link.pending.push(frame);
  }

  /** Keystrokes first, then the size, then acknowledgements; each refused as its invoke would be (the lock). */
  private input(sessionId: string, link: Link, message: unknown): void {
    if (!isPortInput(message)) {
      this.log.warn('rejected a malformed port message', { sessionId });
      return;
    }
    if (!this.manager.has(sessionId)) return;
    const session = this.manager.session(sessionId);
    if (message.input && message.input.length > 0) {
      const refusal = this.router.refusal('ssh.write', link.owner);
      if (refusal) link.port?.post({ refused: refusal });
      else for (const data of message.input) if (data) session.write(data);
    }
    if (message.resize && !this.router.refusal('ssh.resize', link.owner)) session.resize(message.resize.cols, message.resize.rows);
    if (message.ack && !this.router.refusal('ssh.ack', link.owner)) session.ack(message.ack);
  }

  private drop(sessionId: string): void {
    const link = this.links.get(sessionId);
    this.links.delete(sessionId);
    link?.port?.close();
  }
}
