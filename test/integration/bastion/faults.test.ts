import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BastionListener, TunnelStateChange } from '../../../src-main/services/bastion/bastion-types';
import { IDS } from '../../standins/bastion/harness';
import type { SessionFault, SessionRecord } from '../../standins/bastion/bastion-standin';
import { downloadFromJumpBox, opensshArgs, runProgram, startBastionWorld, type BastionWorld } from './bastion-topology';

let world: BastionWorld;
const toJumpBox = { bastionId: IDS.bastion, target: { kind: 'resource' as const, resourceId: IDS.jumpBox, port: 22 } };
/** Fast dead-peer detection so a stall is noticed within a couple of seconds. */
const fastKeepalive = { keepaliveIntervalMs: 200, deadPeerTimeoutMs: 1500, handshakeTimeoutMs: 1500 };

beforeAll(async () => {
  world = await startBastionWorld(0);
});
afterEach(() => world.standIn.resetFaults());
afterAll(async () => {
  expect(world.standIn.undeleted()).toEqual([]);
  await world?.close();
});

async function listenWithChanges(): Promise<{ listener: BastionListener; changes: TunnelStateChange[] }> {
  const { client } = world.client({ config: fastKeepalive });
  const listener = await client.listen(toJumpBox);
  const changes: TunnelStateChange[] = [];
  listener.onDidConnectionChange((_, change) => changes.push(change));
  return { listener, changes };
}

async function faultMidTransfer(fault: SessionFault): Promise<{ changes: TunnelStateChange[]; code: number; record: SessionRecord }> {
  const { listener, changes } = await listenWithChanges();
  const before = world.standIn.sessions().length;
  const download = await downloadFromJumpBox(world, listener.port, 500 * 1024 * 1024);
  await world.standIn.waitFor((records) => records.slice(before).some((r) => r.bytesToClient > 2 * 1024 * 1024), 20_000);
  const live = world.standIn.live().find((l) => world.standIn.sessions().indexOf(l.record) >= before);
  live!.apply(fault);
  const { code } = await download.done;
  await world.standIn.waitFor((records) => records.slice(before).every((r) => r.deletedAt !== undefined));
  await listener.close();
  return { changes, code, record: world.standIn.sessions()[before]! };
}

describe('Bastion faults mid-transfer end in a clear state with the session deleted', () => {
  it('abrupt drop (1006) → lost: dropped', async () => {
    const { changes, code, record } = await faultMidTransfer({ kind: 'drop' });
    expect(code).not.toBe(0);
    expect(changes.at(-1)).toMatchObject({ state: 'lost', problem: { code: 'bastion.dropped' } });
    expect(record.deleteHadNodeId).toBe(true);
  });

  it('server error close (1011) → lost: server-error', async () => {
    const { changes, code } = await faultMidTransfer({ kind: 'close', code: 1011 });
    expect(code).not.toBe(0);
    expect(changes.at(-1)).toMatchObject({ state: 'lost', problem: { code: 'bastion.server_error', message: expect.stringContaining('1011') } });
  });

  it('silent stall → lost: unresponsive, instead of hanging', async () => {
    const { changes, code } = await faultMidTransfer({ kind: 'stall' });
    expect(code).not.toBe(0);
    expect(changes.at(-1)).toMatchObject({ state: 'lost', problem: { code: 'bastion.unresponsive' } });
  });

  it('a text frame on the byte tunnel → lost: protocol', async () => {
    const { changes, code } = await faultMidTransfer({ kind: 'text' });
    expect(code).not.toBe(0);
    expect(changes.at(-1)).toMatchObject({ state: 'lost', problem: { code: 'bastion.protocol' } });
  });
});

describe('Bastion refusals before the tunnel opens', () => {
  it.each([
    [{ status: 401, body: '{"message":"Unauthorized"}' }, 'bastion.unauthorized'],
    [{ status: 403, body: '{"message":"Forbidden: missing Reader on the target"}' }, 'bastion.forbidden'],
    [{ status: 503, body: 'Service Unavailable', contentType: 'text/plain' }, 'bastion.service_error'],
    [{ status: 400, body: '{"message":"Tunneling is disabled"}' }, 'bastion.tunneling_disabled'],
  ])('/api/tokens answering %o → %s, and OpenSSH sees the connection closed', async (answer, code) => {
    world.standIn.faults.tokens = answer;
    const { listener, changes } = await listenWithChanges();
    const result = await runProgram('ssh', [...(await opensshArgs(world, listener.port)), 'true']);
    expect(result.code).toBe(255);
    expect(changes.at(-1)).toMatchObject({ state: 'failed', problem: { code } });
    expect(listener.status().lastProblem?.code).toBe(code);
    await listener.close();
  });

  it('a hung websocket upgrade → failed: handshake-timeout, session deleted', async () => {
    world.standIn.faults.upgradeDelayMs = 5000;
    const before = world.standIn.sessions().length;
    const { client } = world.client({ config: fastKeepalive });
    await expect(client.open(toJumpBox)).rejects.toMatchObject({ code: 'bastion.handshake_timeout' });
    await world.standIn.waitFor((records) => records.length > before && records.slice(before).every((r) => r.deletedAt !== undefined));
  });
});

describe('Bastion data path under awkward framing', () => {
  it('fragmented and odd-sized server messages carry an SSH transfer intact', async () => {
    world.standIn.faults.fragmented = true;
    world.standIn.faults.messageSizes = [1, 4096, 65536, 333];
    world.standIn.faults.pingIntervalMs = 100;
    const { listener } = await listenWithChanges();
    const script = 'head -c 3000000 /dev/urandom > /tmp/aksc-frag.bin; sha256sum < /tmp/aksc-frag.bin | cut -d" " -f1; cat /tmp/aksc-frag.bin; rm -f /tmp/aksc-frag.bin';
    const result = await new Promise<{ stdout: Buffer; code: number }>((resolve) => {
      void opensshArgs(world, listener.port).then(async (args) => {
        const { spawn } = await import('node:child_process');
        const child = spawn('ssh', [...args, script], { stdio: ['ignore', 'pipe', 'inherit'] });
        const chunks: Buffer[] = [];
        child.stdout.on('data', (c: Buffer) => chunks.push(c));
        child.on('close', (code) => resolve({ stdout: Buffer.concat(chunks), code: code ?? 255 }));
      });
    });
    expect(result.code).toBe(0);
    const newline = result.stdout.indexOf(10);
    const expected = result.stdout.subarray(0, newline).toString();
    const body = result.stdout.subarray(newline + 1);
    expect(body.length).toBe(3_000_000);
    expect(createHash('sha256').update(body).digest('hex')).toBe(expected);
    await listener.close();
  });
});
