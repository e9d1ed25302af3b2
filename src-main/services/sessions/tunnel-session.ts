import type { SshConfigEndpoint } from '../ssh';
import type { Session } from './session';
import { SessionEvents } from './session-events';
import type { TunnelInfoValue } from './types';

/** A tunnel's state before it listens: no port yet (1 stands in), no connection, no byte, no reconnect. */
export function startingTunnelInfo(name: string, kind: TunnelInfoValue['kind'], remote: string): TunnelInfoValue {
  return { name, kind, localPort: 1, remote, state: 'starting', activeConnections: 0, totalConnections: 0, bytesIn: 0, bytesOut: 0, reconnects: 0 };
}

/**
 * What every named tunnel shares as a Session: its bytes travel on its local port, so it takes no
 * writes, has nothing to resize or acknowledge and never fires `onDidData`; it exits when closed. Each
 * tunnel also says how an ssh_config entry reaches its target through it.
 */
export abstract class TunnelSession extends SessionEvents<TunnelInfoValue> implements Session<TunnelInfoValue> {
  /** Creates the tunnel under its name. */
  constructor(readonly name: string) {
    super();
  }

  /** A tunnel's id is its name. */
  get id(): string {
    return this.name;
  }

  /** Starts listening on `localPort` (0: any free port). */
  abstract open(localPort?: number): Promise<void>;
  /** Stops listening and ends every connection through it. */
  abstract close(): Promise<void>;
  /** Its public state. */
  abstract snapshot(): TunnelInfoValue;
  /** Where an ssh_config entry connects to reach the target through this tunnel, and the target's host ids. */
  abstract sshEndpoint(): SshConfigEndpoint;

  /** A tunnel takes no keystrokes. */
  write(): boolean {
    return false;
  }

  /** A tunnel has no terminal. */
  resize(): boolean {
    return false;
  }

  /** A tunnel is not flow-controlled by a renderer. */
  ack(): void {}

  /** Announces the end (subclasses call this from close). */
  protected exited(): void {
    this.didExit.fire({ sessionId: this.name });
  }
}
