import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpcRouter } from '../../../src-main/ipc/router';
import { FileTargets } from '../../../src-main/services/files/file-targets';
import { registerAzureHandlers } from '../../../src-main/ipc/handlers/azure-handlers';
import { startArmStandIn, TENANT_ID, type ArmStandIn } from '../../standins/arm';
import { azureLayerFor } from '../../standins/arm/client';
import { MemoryLogger } from '../../support/memory-logger';

const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };

describe('Azure and checklist IPC over the real router and the ARM stand-in', () => {
  let standIn: ArmStandIn;
  let router: IpcRouter;
  const events: Array<{ event: string; payload: unknown }> = [];
  let dispose: () => void;
  beforeAll(async () => {
    standIn = await startArmStandIn({ scenario: 'broken-nsg-blocks-ssh', fleet: { subscriptions: 2, clustersPerSubscription: 2 } });
    router = new IpcRouter({ isTrustedSender: () => true, log: new MemoryLogger() });
    const layer = azureLayerFor(standIn, TENANT_ID);
    dispose = registerAzureHandlers(router, { ...layer, files: new FileTargets(null) });
    router.attach({ send: (event, payload) => events.push({ event, payload }), isAlive: () => true });
  });
  afterAll(async () => {
    dispose();
    await standIn.stop();
  });

  it('azure.inventory answers the tenant inventory and pushes it as an event', async () => {
    const answer = await router.dispatch('azure.inventory', { refresh: true }, sender);
    expect(answer.ok).toBe(true);
    const data = (answer as { data: { clusters: Array<{ name: string; badges: string[] }>; asOf: string; tenantId: string } }).data;
    expect(data.tenantId).toBe(TENANT_ID);
    expect(data.clusters).toHaveLength(5);
    expect(events.some((e) => e.event === 'azure.inventoryChanged')).toBe(true);
  });

  it('azure.topology and azure.paths describe the cluster and rank paths with reasons', async () => {
    const clusterId = standIn.world.meta.clusterId;
    const topology = await router.dispatch('azure.topology', { clusterId }, sender);
    expect(topology).toMatchObject({ ok: true, data: { clusterVnet: { name: 'vnet-spoke' }, bastions: [{ name: 'bas-hub', sku: 'Standard' }] } });
    const paths = await router.dispatch('azure.paths', { clusterId, preferences: { sshEgressAllowed: false } }, sender);
    expect(paths).toMatchObject({ ok: true, data: { operatorIp: '203.0.113.10' } });
    const ranked = (paths as { data: { paths: Array<{ id: string; rank: number; reasons: Array<{ text: string }> }> } }).data.paths;
    expect(ranked).toHaveLength(11);
    expect(ranked[0]).toMatchObject({ id: 'bastion-jumpbox', rank: 1 });
    expect(ranked[0]!.reasons.map((r) => r.text).join(' ')).toContain('Bastion bas-hub is Standard with native client on');
  });

  it('checklist.run streams checklist.result events, then checklist.finished; export gives Markdown', async () => {
    events.length = 0;
    const start = await router.dispatch('checklist.run', { clusterId: standIn.world.meta.clusterId, pathId: 'bastion-jumpbox' }, sender);
    expect(start.ok).toBe(true);
    const { runId, checks } = (start as { data: { runId: string; checks: unknown[] } }).data;
    await expect.poll(() => events.some((e) => e.event === 'checklist.finished'), { timeout: 20_000 }).toBe(true);
    const results = events.filter((e) => e.event === 'checklist.result');
    expect(results).toHaveLength(checks.length);
    expect(events.at(-1)).toMatchObject({ event: 'checklist.finished', payload: { runId, state: 'completed', summary: { fail: 1 } } });
    const nsg = results.map((e) => (e.payload as { result: { checkId: string; status: string } }).result).find((r) => r.checkId === 'nsg-ssh-inbound');
    expect(nsg?.status).toBe('fail');
    const exported = await router.dispatch('checklist.export', { runId, format: 'markdown' }, sender);
    expect(exported).toMatchObject({ ok: true, data: { mimeType: 'text/markdown', content: expect.stringContaining('DenySshInbound') } });
    const labels = { heading: '接続チェックリスト', cluster: 'クラスター', path: '経路', started: '開始: {{started}}', finished: '、終了: {{finished}}', check: 'チェック', result: '結果', howToFix: '修正方法', portal: 'Azure portal' };
    const wording = { language: 'ja', labels, pathName: 'Azure Bastion', runState: '完了', statuses: { pass: '合格', warn: '警告', fail: '不合格', skip: 'スキップ', error: '確認できません' }, titles: { 'nsg-ssh-inbound': 'NSG の確認' }, lines: { 'nsg.subnet_denied': '{{nsg}} が拒否しています' } };
    const worded = await router.dispatch('checklist.export', { runId, format: 'markdown', wording }, sender);
    expect(worded).toMatchObject({ ok: true, data: { content: expect.stringContaining('## 不合格: NSG の確認') } });
    expect(await router.dispatch('checklist.export', { runId, format: 'markdown', wording: { ...wording, lines: 'all of them' } }, sender)).toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload' } });
  });

  it('azure.commandInvoke and azure.jitRequest act through ARM', async () => {
    const invoke = await router.dispatch('azure.commandInvoke', { clusterId: standIn.world.meta.clusterId, command: 'kubectl get nodes' }, sender);
    expect(invoke).toMatchObject({ ok: true, data: { exitCode: 0, logs: expect.stringContaining('Ready'), truncated: false } });
    const jit = await router.dispatch('azure.jitRequest', { vmId: standIn.world.meta.jumpBoxId, port: 22, durationMinutes: 60, sourceIp: '203.0.113.10' }, sender);
    expect(jit).toMatchObject({ ok: true, data: { status: 'Initiated', policyId: standIn.world.meta.jitPolicyId } });
  });

  it('rejects malformed requests before any service runs, and unknown runs with a coded error', async () => {
    const before = standIn.requests.length;
    expect(await router.dispatch('azure.topology', { clusterId: 'https://evil.example/x' }, sender)).toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload' } });
    expect(await router.dispatch('checklist.run', { clusterId: standIn.world.meta.clusterId, pathId: 'teleport' }, sender)).toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload' } });
    expect(await router.dispatch('azure.paths', { clusterId: standIn.world.meta.clusterId, operatorIp: 'not-an-ip' }, sender)).toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload' } });
    expect(await router.dispatch('azure.inventory', { refresh: true, extra: 1 }, sender)).toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload' } });
    expect(standIn.requests.length).toBe(before);
    expect(await router.dispatch('checklist.get', { runId: '00000000-0000-4000-8000-000000000000' }, sender)).toMatchObject({ ok: false, error: { code: 'checklist.unknown_run' } });
  });

  it('a cluster that does not exist is a coded, plain error', async () => {
    const missing = standIn.world.meta.clusterId.replace('aks-prod', 'aks-gone');
    expect(await router.dispatch('azure.topology', { clusterId: missing }, sender)).toMatchObject({ ok: false, error: { code: 'azure.not_found', message: expect.stringContaining('aks-gone') } });
  });

  it('no payload the renderer received carries the bearer token', () => {
    expect(JSON.stringify(events)).not.toContain('stand-in-token');
  });
});
