import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armBastionHostReader } from '../../../src-main/services/bastion';
import { startArmStandIn, type ArmStandIn } from '../../standins/arm';
import { azureLayerFor, type StandInAzureLayer } from '../../standins/arm/client';

describe('a connect reads Bastion hosts from the cache kept with the inventory, not from ARM each time', () => {
  let standIn: ArmStandIn;
  let layer: StandInAzureLayer;
  beforeAll(async () => {
    standIn = await startArmStandIn({ scenario: 'private-hub-spoke-bastion' });
    layer = azureLayerFor(standIn, standIn.world.meta.tenantId);
  });
  afterAll(async () => standIn.stop());

  const bastionListings = () => standIn.requests.filter((r) => /\/providers\/Microsoft\.Network\/bastionHosts$/i.test(r.path)).length;

  it('asks ARM once for two connects, and again after the inventory is refreshed', async () => {
    const bastionId = standIn.world.meta.bastionId!;
    const reader = armBastionHostReader(layer.bastions, () => standIn.world.meta.tenantId);
    const before = bastionListings();
    const first = await reader.getBastionHost(bastionId);
    const second = await reader.getBastionHost(bastionId);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ id: bastionId, enableTunneling: true });
    expect(bastionListings() - before).toBe(1);

    await layer.azure.discovery.inventory(standIn.world.meta.tenantId, true);
    await reader.getBastionHost(bastionId);
    expect(bastionListings() - before).toBe(2);
  });

  it('drops the cached hosts when the tenant changes', async () => {
    const reader = armBastionHostReader(layer.bastions);
    await reader.getBastionHost(standIn.world.meta.bastionId!);
    const before = bastionListings();
    layer.setTenant(null);
    layer.setTenant(standIn.world.meta.tenantId);
    await reader.getBastionHost(standIn.world.meta.bastionId!);
    expect(bastionListings() - before).toBe(1);
  });
});
