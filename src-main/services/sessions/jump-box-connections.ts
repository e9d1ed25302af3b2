import type { JumpBoxTarget } from '../azure-model';
import { AppError } from '../errors';
import type { JumpBoxConnections, SshConnection, SshConnector, SshTargetValue } from '../ssh';

function matches(target: SshTargetValue, jump: JumpBoxTarget): boolean {
  const vm = jump.vmId.toLowerCase();
  if (target.vmResourceId?.toLowerCase() === vm) return true;
  const route = target.route;
  if (route.kind === 'bastion') return route.targetResourceId.toLowerCase() === vm;
  const host = route.kind === 'direct' ? route.host : route.targetIp;
  return host === jump.privateIp || host === jump.publicIp;
}

/**
 * Gives the checklist a short-lived SSH connection to a jump box, signed in the way the operator
 * last opened a terminal to it (same route, user and key or agent), with the same host-key checks.
 */
export class RecentJumpBoxConnections implements JumpBoxConnections {
  /** Creates the source over the connector and the targets the session manager has seen open. */
  constructor(
    private readonly connector: SshConnector,
    private readonly recentTargets: () => readonly SshTargetValue[],
  ) {}

  async withConnection<T>(jump: JumpBoxTarget, signal: AbortSignal, body: (connection: SshConnection) => Promise<T>): Promise<T> {
    const target = this.recentTargets().find((t) => matches(t, jump));
    if (!target) {
      throw new AppError('jumpbox.no_session', `Open a terminal to ${jump.vmName} once from the console, so the checklist knows how to sign in to it.`, { params: { vm: jump.vmName } });
    }
    const connection = await this.connector.connect({ target, requester: `checklist:${jump.vmName}`, signal });
    try {
      return await body(connection);
    } finally {
      await connection.close();
    }
  }
}
