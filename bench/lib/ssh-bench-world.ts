/**
 * The setup both SSH benchmarks share: a real sshd, the Bastion stand-in routed to it, our SSH
 * stack with the client key imported and the host key trusted (also as Azure would pre-seed it),
 * and the two routes to measure, direct and through the tunnel.
 */
import { parsePublicKeyLine } from '../../src-main/services/ssh/host-key';
import { azureHostId } from '../../src-main/services/ssh/host-id';
import type { SshTargetValue } from '../../src-main/services/ssh/ssh-connector';
import { startBastionStandIn, type BastionStandIn } from '../../test/standins/bastion/bastion-standin';
import { clientForStandIn, IDS, loopbackRouter, STANDIN_ARM_TOKEN } from '../../test/standins/bastion/harness';
import { createSshStack, type SshStack } from '../../test/integration/ssh/ssh-stack';
import { startSshd, type TestSshd } from '../../test/support/sshd';

/** A running bench world; `close()` stops everything it started. */
export interface SshBenchWorld {
  readonly sshd: TestSshd;
  readonly standIn: BastionStandIn;
  readonly stack: SshStack;
  readonly direct: SshTargetValue;
  readonly viaBastion: SshTargetValue;
  close(): Promise<void>;
}

/** Starts sshd, the Bastion stand-in and our SSH stack, ready to connect both ways. */
export async function startSshBenchWorld(): Promise<SshBenchWorld> {
  const sshd = await startSshd();
  const standIn = await startBastionStandIn({ route: loopbackRouter(sshd.port), acceptToken: (t) => t === STANDIN_ARM_TOKEN });
  const wired = clientForStandIn(standIn);
  const stack = await createSshStack({ bastion: wired.client });
  await stack.trust(sshd);
  const hostKey = parsePublicKeyLine(sshd.hostPublicKey)!;
  await stack.store.add(azureHostId(IDS.jumpBox, 22), hostKey.keyType, hostKey.blob, 'azure');
  const { keyId } = await stack.vault.import('bench', sshd.clientKey);
  return {
    sshd,
    standIn,
    stack,
    direct: { route: { kind: 'direct', host: sshd.host, port: sshd.port }, username: sshd.user, auth: { method: 'key', keyId } },
    viaBastion: { route: { kind: 'bastion', bastionId: IDS.bastion, targetResourceId: IDS.jumpBox, port: 22 }, username: sshd.user, auth: { method: 'key', keyId } },
    async close() {
      await stack.close();
      await wired.dispose();
      await standIn.close();
      await sshd.close();
    },
  };
}
