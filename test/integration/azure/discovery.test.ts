import { afterEach, describe, expect, it } from 'vitest';
import { startArmStandIn, PLATFORM_SUBSCRIPTION, TENANT_ID, type ArmStandIn } from '../../standins/arm';
import { armServiceFor } from '../../standins/arm/client';
import { DiscoveryService } from '../../../src-main/services/azure/discovery-service';
import { MemoryLogger } from '../../support/memory-logger';

let standIn: ArmStandIn | undefined;
afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

async function discovery(fleet = { subscriptions: 3, clustersPerSubscription: 4 }) {
  standIn = await startArmStandIn({ scenario: 'private-hub-spoke-bastion', fleet });
  const arm = armServiceFor(standIn);
  let now = new Date('2026-11-29T09:00:00Z');
  const service = new DiscoveryService(() => arm, new MemoryLogger(), { fallbackConcurrency: 4, now: () => now });
  return { service, standIn, tick: (iso: string) => (now = new Date(iso)) };
}

describe('cluster discovery', () => {
  it('lists every cluster of every subscription through one paged Resource Graph query, with access badges', async () => {
    const { service, standIn } = await discovery();
    standIn.faults.graphPageSize = 5;
    const inventory = await service.inventory(TENANT_ID);
    expect(inventory.source).toBe('resource-graph');
    expect(inventory.clusters).toHaveLength(13);
    expect(new Set(inventory.clusters.map((c) => c.subscriptionName))).toEqual(new Set(['Platform Production', 'Team 001', 'Team 002', 'Team 003']));
    const prod = inventory.clusters.find((c) => c.name === 'aks-prod')!;
    expect(prod).toMatchObject({ isPrivate: true, privateDnsMode: 'system', badges: ['private'], nodeSubnetIds: [expect.stringContaining('/subnets/snet-aks')] });
    expect(inventory.clusters.some((c) => c.badges.includes('authorized-ips'))).toBe(true);
    expect(inventory.clusters.some((c) => c.badges.includes('public-fqdn'))).toBe(true);
    const graphCalls = standIn.requests.filter((r) => /resourcegraph/i.test(r.path));
    expect(graphCalls).toHaveLength(3);
    expect(standIn.requests.some((r) => /managedClusters$/i.test(r.path))).toBe(false);
  });

  it('serves the cached inventory with its as-of time until refreshed', async () => {
    const { service, standIn, tick } = await discovery();
    const first = await service.inventory(TENANT_ID);
    tick('2026-11-29T09:05:00Z');
    const cached = await service.inventory(TENANT_ID);
    expect(cached).toMatchObject({ fromCache: true, asOf: first.asOf });
    standIn.mutate((w) => w.remove(w.meta.clusterId));
    const fresh = await service.inventory(TENANT_ID, true);
    expect(fresh).toMatchObject({ fromCache: false, asOf: '2026-11-29T09:05:00.000Z' });
    expect(fresh.clusters).toHaveLength(first.clusters.length - 1);
  });

  it('falls back to per-subscription listing when Resource Graph is unavailable', async () => {
    const { service, standIn } = await discovery();
    standIn.faults.graphUnavailable = 503;
    const inventory = await service.inventory(TENANT_ID);
    expect(inventory.source).toBe('per-subscription');
    expect(inventory.clusters).toHaveLength(13);
    expect(inventory.warnings[0]).toMatchObject({ code: 'discovery.graph_unavailable', text: expect.stringContaining('Resource Graph was unavailable') });
  });

  it('marks a subscription the operator lost access to and keeps the others', async () => {
    const { service, standIn } = await discovery();
    standIn.faults.graphUnavailable = 503;
    const lost = standIn.world.subscriptions[2]!.subscriptionId;
    standIn.faults.lostSubscriptions.add(lost.toLowerCase());
    const inventory = await service.inventory(TENANT_ID);
    expect(inventory.subscriptions.find((s) => s.subscriptionId === lost)).toMatchObject({ access: 'lost', reason: { code: 'azure.forbidden', text: expect.stringContaining('denied'), params: expect.objectContaining({ '@what': 'subject.subscription-clusters', name: lost }) } });
    expect(inventory.clusters).toHaveLength(9);
  });

  it('rides out a throttling storm (429 + Retry-After) on the graph', async () => {
    const { service, standIn } = await discovery();
    standIn.faults.throttle = { count: 2, retryAfterSeconds: 0, match: /resourcegraph/i };
    const inventory = await service.inventory(TENANT_ID);
    expect(inventory.source).toBe('resource-graph');
    expect(standIn.requests.filter((r) => r.status === 429)).toHaveLength(2);
  });

  it('handles a huge fleet page and clusters with null and unknown fields', async () => {
    const { service, standIn } = await discovery({ subscriptions: 1, clustersPerSubscription: 1500 });
    standIn.mutate((w) => {
      const c = w.get(w.meta.clusterId)!;
      w.put({ ...c, location: null, properties: { ...(c.properties as object), fqdn: null, publicNetworkAccess: 'SecuredByPerimeter', apiServerAccessProfile: { enablePrivateCluster: null, authorizedIPRanges: null } } });
    });
    const inventory = await service.inventory(TENANT_ID);
    expect(inventory.clusters).toHaveLength(1501);
    expect(inventory.clusters.find((c) => c.name === 'aks-prod')).toMatchObject({ location: 'unknown', publicNetworkAccess: 'unknown', isPrivate: false });
  });

  it('keeps to the selected tenant', async () => {
    const { service } = await discovery({ subscriptions: 1, clustersPerSubscription: 1 });
    const other = await service.inventory('00000000-0000-4000-8000-000000000000');
    expect(other.clusters).toHaveLength(0);
    const mine = await service.inventory(TENANT_ID);
    expect(mine.subscriptions.map((s) => s.subscriptionId)).toContain(PLATFORM_SUBSCRIPTION);
  });
});
