import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArmStandIn, PLATFORM_SUBSCRIPTION, type ArmStandIn } from '../../standins/arm';
import { armServiceFor, standInHttpClient } from '../../standins/arm/client';
import { ArmService } from '../../../src-main/services/azure/arm-service';
import { MemoryLogger } from '../../support/memory-logger';

describe('ArmService against the ARM stand-in (official SDKs over HTTPS with a test CA)', () => {
  let standIn: ArmStandIn;
  let arm: ArmService;
  beforeAll(async () => {
    standIn = await startArmStandIn({ scenario: 'private-hub-spoke-bastion', fleet: { subscriptions: 2, clustersPerSubscription: 3 }, jumpBoxHostKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnly0000000000000000000000 root@vm-jump'] });
    arm = armServiceFor(standIn);
  });
  afterAll(async () => standIn.stop());

  it('lists subscriptions and tenants', async () => {
    const subs = await arm.listSubscriptions();
    expect(subs.map((s) => s.displayName)).toEqual(['Platform Production', 'Team 001', 'Team 002']);
    const tenants = await arm.listTenants();
    expect(tenants[0]!.tenantId).toBe(standIn.world.meta.tenantId);
  });

  it('queries Resource Graph across subscriptions and follows $skipToken', async () => {
    standIn.faults.graphPageSize = 2;
    const rows = await arm.graph.queryAll("Resources | where type =~ 'microsoft.containerservice/managedclusters'");
    standIn.faults.graphPageSize = 1000;
    expect(rows).toHaveLength(7);
    const graphCalls = standIn.requests.filter((r) => r.path.toLowerCase().includes('resourcegraph'));
    expect(graphCalls.length).toBeGreaterThanOrEqual(4);
  });

  it('pages ARM lists through nextLink on the stand-in origin', async () => {
    standIn.faults.pageSize = 1;
    const clusters = await arm.listClusters(PLATFORM_SUBSCRIPTION);
    standIn.faults.pageSize = 100;
    expect(clusters.map((c) => c.name)).toEqual(['aks-prod']);
    const vms = await arm.listVms(PLATFORM_SUBSCRIPTION);
    expect(vms.map((v) => v.name).sort()).toEqual(['aks-nodepool1-vm0', 'vm-jump']);
  });

  it('reads the cluster with its private API server profile', async () => {
    const cluster = await arm.getCluster(standIn.world.meta.clusterId);
    expect(cluster.apiServerAccessProfile?.enablePrivateCluster).toBe(true);
    expect(cluster.privateFqdn).toMatch(/privatelink\.japaneast\.azmk8s\.io$/);
  });

  it('runs command invoke as a long-running operation and reads the result', async () => {
    const result = await arm.runCommand(standIn.world.meta.clusterId, 'kubectl get --raw /healthz');
    expect(result).toMatchObject({ provisioningState: 'succeeded', exitCode: 0, logs: 'ok', truncated: false });
    expect(standIn.requests.some((r) => /commandResults/i.test(r.path) && r.status === 202)).toBe(true);
  });

  it("reads the jump box's sshd host keys through VM Run Command", async () => {
    const keys = await arm.readVmHostKeys(standIn.world.meta.jumpBoxId!);
    expect(keys).toEqual(['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnly0000000000000000000000']);
  });

  it('returns the user kubeconfig decoded', async () => {
    const kubeconfig = await arm.listClusterUserCredential(standIn.world.meta.clusterId);
    expect(kubeconfig).toContain('server: https://aks-prod-');
  });

  it('requests JIT access with number + endTimeUtc and sees it on the policy', async () => {
    const end = new Date(Date.now() + 3_600_000);
    const request = await arm.initiateJit(standIn.world.meta.jitPolicyId!, { vmId: standIn.world.meta.jumpBoxId!, port: 22, endTimeUtc: end, sourceIp: '203.0.113.10' });
    expect(request.virtualMachines[0]!.ports[0]!.status).toBe('Initiated');
    const policies = await arm.listJitPolicies(PLATFORM_SUBSCRIPTION);
    expect(policies[0]!.requests?.length).toBe(1);
  });

  it('retries after 429 with Retry-After and succeeds', async () => {
    standIn.faults.throttle = { count: 2, retryAfterSeconds: 0 };
    const cluster = await arm.getCluster(standIn.world.meta.clusterId);
    expect(cluster.name).toBe('aks-prod');
    expect(standIn.faults.throttle.count).toBe(0);
  });

  it('maps a lost subscription to azure.forbidden', async () => {
    standIn.faults.lostSubscriptions.add(PLATFORM_SUBSCRIPTION.toLowerCase());
    await expect(arm.getCluster(standIn.world.meta.clusterId)).rejects.toMatchObject({ code: 'azure.forbidden' });
    standIn.faults.lostSubscriptions.clear();
  });
});

describe('token scope', () => {
  it('every client, Resource Graph included, asks for the configured scope (sovereign clouds by configuration)', async () => {
    const standIn = await startArmStandIn({ scenario: 'public' });
    const scopes = new Set<string>();
    const arm = new ArmService({
      credential: { getToken: async (s) => { for (const x of [s].flat()) scopes.add(x); return { token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }; } },
      endpoint: standIn.url,
      scope: 'https://management.usgovcloudapi.net/.default',
      httpClient: standInHttpClient(standIn),
      retry: { maxRetries: 0, retryDelayInMs: 0, maxRetryDelayInMs: 0 },
      pollIntervalMs: 10,
      log: new MemoryLogger(),
    });
    await arm.graph.queryAll("Resources | where type =~ 'microsoft.containerservice/managedclusters'");
    await arm.listClusters(PLATFORM_SUBSCRIPTION);
    await arm.listVnets(PLATFORM_SUBSCRIPTION);
    await arm.listSubscriptions();
    await standIn.stop();
    expect([...scopes]).toEqual(['https://management.usgovcloudapi.net/.default']);
  });
});
