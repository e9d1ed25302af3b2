/**
 * A landing zone: the cluster in its application subscription, the hub (VNet, Bastion, jump box,
 * JIT policy) in a separate connectivity subscription. Users of `az aks bastion` report it breaking
 * exactly here (azure-cli#33579); the console must find the hub across the peering and act there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armBastionHostReader } from '../../../src-main/services/bastion';
import type { AzureLayer } from '../../../src-main/services/azure/azure-layer';
import { startArmStandIn, type ArmStandIn } from '../../standins/arm';
import { azureLayerFor } from '../../standins/arm/client';
import { runChecklist } from './checklist-helpers';

const HUB_SUBSCRIPTION = { id: '9c2e4a61-5b3d-4f8e-a7c1-6d0b2e8f4a93', displayName: 'Connectivity' };

let standIn: ArmStandIn;
let layer: AzureLayer;
beforeAll(async () => {
  standIn = await startArmStandIn({ scenario: 'private-hub-spoke-bastion', hubSubscription: HUB_SUBSCRIPTION });
  layer = azureLayerFor(standIn, standIn.world.meta.tenantId);
});
afterAll(async () => {
  await standIn.stop();
});

describe('hub in a connectivity subscription of its own', () => {
  it('is really split: the Bastion and jump box are in the hub subscription, the cluster is not', () => {
    const { clusterId, bastionId, jumpBoxId } = standIn.world.meta;
    expect(bastionId).toContain(`/subscriptions/${HUB_SUBSCRIPTION.id}/`);
    expect(jumpBoxId).toContain(`/subscriptions/${HUB_SUBSCRIPTION.id}/`);
    expect(clusterId).not.toContain(HUB_SUBSCRIPTION.id);
  });

  it('ranks Bastion to the hub jump box first, naming the hub Bastion', async () => {
    const { paths } = await layer.azure.paths(standIn.world.meta.clusterId);
    expect(paths[0]).toMatchObject({ id: 'bastion-jumpbox', rank: 1 });
    expect(JSON.stringify(paths[0])).toContain('bas-hub');
  });

  it('passes every check of that path, reading NSGs, peering and the JIT policy in the hub subscription', async () => {
    const run = await runChecklist(standIn, { pathId: 'bastion-jumpbox' });
    expect(run.state).toBe('completed');
    const bad = run.results.filter((r) => r.status === 'fail' || r.status === 'error');
    expect(bad, JSON.stringify(bad, null, 1)).toEqual([]);
    expect(run.results.find((r) => r.checkId === 'jit-policy')?.status).toBe('pass');
    const hubReads = standIn.requests.filter((r) => r.path.toLowerCase().includes(`/subscriptions/${HUB_SUBSCRIPTION.id}/`));
    expect(hubReads.length).toBeGreaterThan(0);
  });

  it('reads the Bastion host for a tunnel and requests JIT under the hub subscription\'s policy', async () => {
    const host = await armBastionHostReader(layer.arm).getBastionHost(standIn.world.meta.bastionId!);
    expect(host).toMatchObject({ name: 'bas-hub', sku: 'Standard', enableTunneling: true });
    const jit = await layer.azure.requestJit({ vmId: standIn.world.meta.jumpBoxId!, port: 22, durationMinutes: 30, sourceIp: standIn.world.meta.operatorIp });
    expect(jit.policyId).toBe(standIn.world.meta.jitPolicyId);
    expect(jit.policyId).toContain(`/subscriptions/${HUB_SUBSCRIPTION.id}/`);
  });
});
