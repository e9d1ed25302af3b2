import type { BastionListener, TunnelRequest } from '../bastion';
import { AppError, isAppError } from '../errors';
import type { Logger } from '../log';
import { azureHostId, openSshHostToken, type BastionTunnels, type SshConfigEndpoint } from '../ssh';
import { startingTunnelInfo, TunnelSession } from './tunnel-session';
import type { TunnelInfoValue } from './types';

/**
 * A named Bastion tunnel: 127.0.0.1:<stable port> → Azure Bastion → a resource's port (e.g. the
 * managed cluster's API server on 443, what `az aks bastion` does). Every local connection gets its
 * own Bastion session (the Bastion service deletes it when that connection ends); this wrapper
 * gives it a name, a stable port and a health state built from the listener's counters.
 */
export class BastionTunnel extends TunnelSession {
  private listener: BastionListener | undefined;
  private info: TunnelInfoValue;
  private stopWatching: (() => void) | undefined;

  /** Creates the tunnel (not yet listening). */
  constructor(
    name: string,
    readonly request: TunnelRequest,
    private readonly bastion: BastionTunnels,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    super(name);
    const target = request.target.kind === 'resource' ? request.target.resourceId.split('/').pop() : request.target.ip;
    this.info = startingTunnelInfo(name, request.target.kind === 'resource' ? 'bastion' : 'bastion-ip', `${target}:${request.target.port}`);
  }

  /** Opens the local listener on `localPort` (0: any free port). */
  async open(localPort = 0): Promise<void> {
    try {
      this.listener = await this.bastion.listen(this.request, { localPort });
    } catch (error) {
      if (isAppError(error)) throw error;
      this.log.error('bastion listener failed', { tunnel: this.name, error });
      throw new AppError('tunnels.failed', 'The Bastion tunnel could not be opened; the log has the details.', { cause: error });
    }
    this.stopWatching = this.listener.onDidConnectionChange((_id, change) => {
      if (change.state === 'open') this.refresh({ state: 'ready', problem: undefined, lastHealthyAt: this.now().toISOString() });
      else if (change.state === 'failed' || change.state === 'lost') this.refresh({ state: 'down', problem: change.problem });
      else this.refresh({});
    });
    this.refresh({ state: 'ready', localPort: this.listener.port });
  }

  /** The public state with the listener's live counters. */
  snapshot(): TunnelInfoValue {
    const status = this.listener?.status();
    if (!status) return { ...this.info };
    return {
      ...this.info,
      activeConnections: status.activeConnections,
      totalConnections: status.totalConnections,
      bytesIn: status.bytesIn,
      bytesOut: status.bytesOut,
    };
  }

  /** Closes the listener; the Bastion service ends and deletes every session. */
  async close(): Promise<void> {
    this.stopWatching?.();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.close();
    this.info = { ...this.info, state: 'closed', problem: undefined };
    this.didChange.fire(this.snapshot());
    this.exited();
  }

  /** 127.0.0.1:<its port>, known by the target's Azure host id (a resource) or its address. */
  sshEndpoint(): SshConfigEndpoint {
    const target = this.request.target;
    const hostIds = target.kind === 'resource' ? [azureHostId(target.resourceId, target.port)] : [openSshHostToken(target.ip, target.port)];
    return { hostName: '127.0.0.1', port: this.snapshot().localPort, hostIds };
  }

  private refresh(patch: Partial<TunnelInfoValue>): void {
    this.info = { ...this.info, ...patch };
    this.didChange.fire(this.snapshot());
  }
}
