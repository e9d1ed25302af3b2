/**
 * Issue 21: JIT on the Bastion path must open the Bastion's AzureBastionSubnet, not the operator's IP.
 * Through the topology (slot 4): the Bastion stand-in reaches the jump box from an address in the hub's
 * modelled AzureBastionSubnet, which the ARM stand-in reports; the jump box's firewall enforces the
 * source of the JIT rule ARM granted. A rule for the operator's public IP (the old pre-fill) keeps the
 * Bastion session out; the source main chooses lets it in. Over the "VPN" link, main's workstation
 * check and source come from the OS's real route.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeWorkstationReach, rankPaths, withWorkstationReach } from '../../../src-main/services/access-paths';
import { ipInRange } from '../../../src-main/services/azure-model';
import { resolveJitSource } from '../../../src-main/services/jit';
import { systemWorkstationProbe } from '../../../src-main/services/workstation';
import { startArmStandIn, TENANT_ID, type ArmStandIn } from '../../standins/arm';
import { azureLayerFor, type StandInAzureLayer } from '../../standins/arm/client';
import { IDS } from '../../standins/bastion/harness';
import { opensshArgs, runProgram, startBastionWorld, type BastionWorld } from '../bastion/bastion-topology';

const SLOT = 4;
let world: BastionWorld;
let arm: ArmStandIn;
let layer: StandInAzureLayer;

beforeAll(async () => {
  world = await startBastionWorld(SLOT);
  await world.topology.jitFirewall(null);
  arm = await startArmStandIn({ scenario: 'private-hub-spoke-bastion' });
  // The hub VNet's AzureBastionSubnet is the topology's: the Bastion stand-in connects from inside it.
  arm.mutate((w) => {
    const vnet = w.get(w.meta.hubVnetId!)!;
    const props = vnet.properties as { subnets: Array<{ name: string; properties: Record<string, unknown> }> };
    const subnets = props.subnets.map((s) => (s.name === 'AzureBastionSubnet' ? { ...s, properties: { ...s.properties, addressPrefix: world.topology.bastion.subnetPrefix } } : s));
    w.put({ ...vnet, properties: { ...props, subnets } });
  });
  layer = azureLayerFor(arm, TENANT_ID);
}, 120_000);
afterAll(async () => {
  await world?.topology.jitFirewall(null);
  await world?.close();
  await arm?.stop();
});

/** Requests JIT through the console's Azure layer, then enforces the rule ARM recorded on the jump box. */
async function grant(sourceIp: string): Promise<string> {
  await layer.azure.requestJit({ vmId: arm.world.meta.jumpBoxId!, port: 22, durationMinutes: 30, sourceIp });
  const policy = arm.world.get(arm.world.meta.jitPolicyId!)!;
  const requests = (policy.properties as { requests: Array<{ virtualMachines: Array<{ ports: Array<{ allowedSourceAddressPrefix: string }> }> }> }).requests;
  const recorded = requests.at(-1)!.virtualMachines[0]!.ports[0]!.allowedSourceAddressPrefix;
  expect(await world.topology.jitFirewall([recorded])).toEqual([recorded.includes('/') ? recorded : `${recorded}/32`]);
  return recorded;
}

/** `whoami` on the jump box with OpenSSH through a Bastion tunnel. */
async function sshThroughBastion() {
  const { client } = world.client();
  const listener = await client.listen({ bastionId: IDS.bastion, target: { kind: 'resource', resourceId: IDS.jumpBox, port: 22 } });
  try {
    return await runProgram('ssh', ['-o', 'ConnectTimeout=15', ...(await opensshArgs(world, listener.port)), 'whoami'], 60_000);
  } finally {
    await listener.close();
  }
}

describe('JIT source per path, enforced by the jump box', () => {
  it('Bastion: main chooses the AzureBastionSubnet prefix ARM reports; a rule for the operator\'s IP keeps Bastion out, that one lets it in', async () => {
    const choice = await layer.azure.jitSource(arm.world.meta.clusterId, 'bastion-jumpbox');
    expect(choice).toMatchObject({ source: world.topology.bastion.subnetPrefix, code: 'bastion-subnet' });
    expect(ipInRange(world.topology.bastion.ip, choice.source!)).toBe(true);

    await grant(arm.world.meta.operatorIp);
    const refused = await sshThroughBastion();
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).not.toContain(world.topology.jumpBox.user);

    await grant(choice.source!);
    const admitted = await sshThroughBastion();
    expect(admitted.stderr).toBe('');
    expect(admitted.code).toBe(0);
    expect(admitted.stdout.trim()).toBe(world.topology.jumpBox.user);
  });

  it('the ARM stand-in refuses an invalid source as the service does, and records nothing', async () => {
    const before = ((arm.world.get(arm.world.meta.jitPolicyId!)!.properties as { requests: unknown[] }).requests).length;
    await expect(layer.azure.requestJit({ vmId: arm.world.meta.jumpBoxId!, port: 22, durationMinutes: 30, sourceIp: '10.0.1.0/40' })).rejects.toThrow(/400 \(BadRequest\)/);
    const end = new Date(Date.now() + 600_000);
    await expect(layer.arm.initiateJit(arm.world.meta.jitPolicyId!, { vmId: arm.world.meta.jumpBoxId!, port: 2222, endTimeUtc: end, sourceIp: '10.0.1.0/26' })).rejects.toThrow(/400 \(BadRequest\)/);
    expect(((arm.world.get(arm.world.meta.jitPolicyId!)!.properties as { requests: unknown[] }).requests).length).toBe(before);
  });

  it('VPN link: the OS route names this workstation\'s address, the card says it reached the jump box via that link, and a rule for it admits the workstation while the Bastion rule does not', async () => {
    const topology = await layer.azure.topology(arm.world.meta.clusterId);
    // The model's jump box is the slot's: its private IP is the one the "VPN" link reaches.
    topology.jumpBoxes = topology.jumpBoxes.map((j) => (j.id.toLowerCase() === arm.world.meta.jumpBoxId!.toLowerCase() ? { ...j, privateIp: world.topology.jumpBox.ip } : j));
    topology.gateways.push({ id: `${arm.world.meta.hubVnetId!.replace(/\/virtualNetworks\/.*$/, '')}/virtualNetworkGateways/vgw-hub`, name: 'vgw-hub', gatewayType: 'Vpn', vpnType: 'RouteBased', sku: 'VpnGw1', provisioningState: 'Succeeded', vnetId: arm.world.meta.hubVnetId! });
    const probe = systemWorkstationProbe();
    const choice = await resolveJitSource(topology, 'vpn', { arm: layer.arm, workstation: probe, egressIp: async () => null });
    expect(choice).toEqual({ source: world.topology.paw.ip, code: 'workstation-private', params: { ip: world.topology.paw.ip, interface: world.topology.paw.interface, target: world.topology.jumpBox.ip } });

    const connects = () => new Promise<boolean>((resolve) => {
      const s = net.connect({ host: world.topology.jumpBox.ip, port: 22 });
      s.setTimeout(5000, () => { s.destroy(); resolve(false); });
      s.once('connect', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    const vpnCard = async () => {
      const ranked = rankPaths(topology, { vpnConnected: true });
      return withWorkstationReach(ranked, await probeWorkstationReach(topology, ranked, probe)).find((p) => p.id === 'vpn')!;
    };

    await world.topology.jitFirewall([world.topology.bastion.subnetPrefix]);
    expect(await connects()).toBe(false);
    expect((await vpnCard()).fixes.at(-1)).toMatchObject({ code: 'workstation-unreachable', params: { ip: world.topology.jumpBox.ip, port: '22', interface: world.topology.paw.interface } });

    await world.topology.jitFirewall([choice.source!]);
    expect(await connects()).toBe(true);
    const card = await vpnCard();
    expect(card.reasons.at(-1)).toMatchObject({ code: 'workstation-reached', params: { ip: world.topology.jumpBox.ip, port: '22', interface: world.topology.paw.interface } });
    expect(card.fixes.map((f) => f.code)).not.toContain('workstation-unreachable');
  });
});
