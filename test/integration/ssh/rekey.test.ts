import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePublicKeyLine } from '../../../src-main/services/ssh/host-key';
import { azureHostId } from '../../../src-main/services/ssh/host-id';
import type { SshConnection } from '../../../src-main/services/ssh/ssh-connection';
import type { SshTargetValue } from '../../../src-main/services/ssh/ssh-connector';
import { startBastionStandIn, type BastionStandIn } from '../../standins/bastion/bastion-standin';
import { clientForStandIn, IDS, loopbackRouter, STANDIN_ARM_TOKEN } from '../../standins/bastion/harness';
import { startSshd, type TestSshd } from '../../support/sshd';
import { createSshStack, type SshStack } from './ssh-stack';

const STREAM_BYTES = 20 * 1024 * 1024;

/**
 * Has the jump box send `bytes` zero bytes in `pieces` parts with a pause after each (so a time limit
 * is crossed too) and counts what arrives; resolves with the count once the channel or connection closes.
 */
async function streamed(connection: SshConnection, bytes: number, pieces = 1): Promise<number> {
  const part = bytes / pieces;
  const channel = await connection.exec(pieces === 1 ? `head -c ${bytes} /dev/zero` : `for i in $(seq ${pieces}); do head -c ${part} /dev/zero; sleep 0.5; done`);
  return new Promise<number>((resolve) => {
    let received = 0;
    channel.on('data', (chunk: Buffer) => (received += chunk.length));
    channel.stderr.resume();
    channel.on('close', () => resolve(received));
    connection.onDidClose(() => resolve(received));
  });
}

interface World {
  readonly sshd: TestSshd;
  readonly standIn: BastionStandIn;
  readonly wired: ReturnType<typeof clientForStandIn>;
  readonly stack: SshStack;
  readonly direct: SshTargetValue;
  readonly viaBastion: SshTargetValue;
}

async function world(rekeyLimit: string): Promise<World> {
  const sshd = await startSshd({ extraConfig: [`RekeyLimit ${rekeyLimit}`] });
  const standIn = await startBastionStandIn({ route: loopbackRouter(sshd.port), acceptToken: (t) => t === STANDIN_ARM_TOKEN });
  const wired = clientForStandIn(standIn);
  const stack = await createSshStack({ bastion: wired.client });
  const direct = await stack.keyTarget(sshd);
  const key = parsePublicKeyLine(sshd.hostPublicKey)!;
  await stack.store.add(azureHostId(IDS.jumpBox, 22), key.keyType, key.blob, 'operator');
  const viaBastion: SshTargetValue = { ...direct, route: { kind: 'bastion', bastionId: IDS.bastion, targetResourceId: IDS.jumpBox, port: 22 } };
  return { sshd, standIn, wired, stack, direct, viaBastion };
}

async function teardown(w: World | undefined): Promise<void> {
  await w?.stack.close();
  await w?.wired.dispose();
  await w?.standIn.close();
  await w?.sshd.close();
}

describe.each([
  ['by volume', '1M', 1],
  ['by time', 'default 1s', 8],
])('a server that re-exchanges keys %s (RekeyLimit %s)', (_how, limit, pieces) => {
  let w: World | undefined;
  beforeAll(async () => {
    w = await world(limit);
  });
  afterAll(() => teardown(w));

  it.each(['direct', 'through Bastion'] as const)('delivers a 20 MB stream whole, %s, and the session stays usable', async (route) => {
    const connection = await w!.stack.connector.connect({ target: route === 'direct' ? w!.direct : w!.viaBastion, requester: `rekey-${route}` });
    try {
      expect(await streamed(connection, STREAM_BYTES, pieces)).toBe(STREAM_BYTES);
      expect(connection.rekeys).toBeGreaterThanOrEqual(2);
      expect(connection.isClosed).toBe(false);
      expect(await streamed(connection, 1024)).toBe(1024);
      expect(w!.stack.asked).toHaveLength(0);
    } finally {
      await connection.close();
    }
  });
});
