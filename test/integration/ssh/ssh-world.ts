/**
 * A real sshd reachable two ways through the real SSH stack: directly, and through the Bastion
 * stand-in (routed to the same sshd), with its host key trusted under both host ids.
 */
import { parsePublicKeyLine } from '../../../src-main/services/ssh/host-key';
import { azureHostId } from '../../../src-main/services/ssh/host-id';
import type { SshTargetValue } from '../../../src-main/services/ssh/ssh-connector';
import { startBastionStandIn, type BastionStandIn } from '../../standins/bastion/bastion-standin';
import { clientForStandIn, IDS, loopbackRouter, STANDIN_ARM_TOKEN, startEchoServer } from '../../standins/bastion/harness';
import { startSshd, type SshdOptions, type TestSshd } from '../../support/sshd';
import { createSshStack, type SshStack } from './ssh-stack';

/** The sshd, the Bastion stand-in in front of it, a client stack, a target for each route and an echo server for tunnels. */
export interface SshWorld {
  readonly sshd: TestSshd;
  readonly standIn: BastionStandIn;
  readonly wired: ReturnType<typeof clientForStandIn>;
  readonly stack: SshStack;
  readonly direct: SshTargetValue;
  readonly viaBastion: SshTargetValue;
  /** A loopback TCP echo server, as a tunnel's far end. */
  readonly echoPort: number;
  /** The target for a route name as the tests print it. */
  target(route: 'direct' | 'through Bastion'): SshTargetValue;
  close(): Promise<void>;
}

/** Starts an sshd with `options` and everything in front of it. */
export async function startSshWorld(options: SshdOptions = {}): Promise<SshWorld> {
  const sshd = await startSshd(options);
  const standIn = await startBastionStandIn({ route: loopbackRouter(sshd.port), acceptToken: (t) => t === STANDIN_ARM_TOKEN });
  const wired = clientForStandIn(standIn);
  const stack = await createSshStack({ bastion: wired.client });
  const direct = await stack.keyTarget(sshd);
  const key = parsePublicKeyLine(sshd.hostPublicKey)!;
  await stack.store.add(azureHostId(IDS.jumpBox, 22), key.keyType, key.blob, 'operator');
  const viaBastion: SshTargetValue = { ...direct, route: { kind: 'bastion', bastionId: IDS.bastion, targetResourceId: IDS.jumpBox, port: 22 } };
  const echo = await startEchoServer();
  return {
    sshd,
    standIn,
    wired,
    stack,
    direct,
    viaBastion,
    echoPort: echo.port,
    target: (route) => (route === 'direct' ? direct : viaBastion),
    async close() {
      await echo.close();
      await stack.close();
      await wired.dispose();
      await standIn.close();
      await sshd.close();
    },
  };
}
