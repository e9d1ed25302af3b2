import type { SshConfigEndpoint } from '../ssh';
import { NEVER, type Session } from './session';
import { Emitter, type Disposer, type SessionExit, type TunnelInfoValue } from './types';

/**
 * What every named tunnel shares as a Session: its bytes travel on its local port, so it takes no
 * writes, has nothing to resize or acknowledge and reports no data; it exits when closed. Each
 * tunnel also says how an ssh_config entry reaches its target through it.
 */
export abstract class TunnelSession implements Session<TunnelInfoValue> {
  protected readonly didChange = new Emitter<TunnelInfoValue>();
  private readonly didExit = new Emitter<SessionExit>();

  /** Creates the tunnel under its name. */
  constructor(readonly name: string) {}

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

  /** A tunnel reports no output. */
  onDidData(): Disposer {
    return NEVER;
  }

  /** Fires once the tunnel is closed. */
  onDidExit(listener: (exit: SessionExit) => void): Disposer {
    return this.didExit.on(listener);
  }

  /** Every change of its public state. */
  onDidChange(listener: (info: TunnelInfoValue) => void): Disposer {
    return this.didChange.on(listener);
  }

  /** Announces the end (subclasses call this from close). */
  protected exited(): void {
    this.didExit.fire({ sessionId: this.name });
  }
}
