import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { installAuditTap } from '../../../../../src-main/ipc/handlers/audit-tap';
import { IpcRouter } from '../../../../../src-main/ipc/router';
import type { AuditEvent } from '../../../../../src-main/services/audit';
import { redactAuditDetails } from '../../../../../src-main/services/audit';
import { MemoryLogger } from '../../../../support/memory-logger';

const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const BASTION = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/hub/providers/Microsoft.Network/bastionHosts/bas-hub';

function setup() {
  const events: AuditEvent[] = [];
  const router = new IpcRouter({ isTrustedSender: () => true, log: new MemoryLogger() });
  router.handle('azure.commandInvoke', () => ({ provisioningState: 'Succeeded', exitCode: 1, logs: 'secret pod output', truncated: false, reason: null, runAs: { kind: 'cluster-admin' as const, username: null } }));
  router.handle('tunnels.open', (req) => ({ name: req.name, kind: 'bastion', localPort: 6443, remote: CLUSTER, state: 'ready', activeConnections: 0, totalConnections: 0, bytesIn: 0, bytesOut: 0, reconnects: 0 }));
  router.handle('ssh.open', () => {
    throw Object.assign(new Error('host key changed'), { name: 'AppError', code: 'ssh.host_key_changed' });
  });
  const remove = installAuditTap(router, { record: async (e) => events.push(e) });
  return { router, events, remove };
}

describe('the audit tap', () => {
  it('records command invoke with its exit code but never its output, and scrubs secrets in the command', async () => {
    const { router, events } = setup();
    await router.dispatch('azure.commandInvoke', { clusterId: CLUSTER, command: 'kubectl create secret generic db --from-literal=password=hunter2' }, sender);
    expect(events).toEqual([expect.objectContaining({ type: 'command.invoke', outcome: 'failure', target: CLUSTER, details: expect.objectContaining({ exitCode: 1, state: 'Succeeded' }) })]);
    expect(JSON.stringify(events)).not.toContain('secret pod output');
    expect(redactAuditDetails(events[0]!.details).command).toBe('kubectl create secret generic db --from-literal=password=[redacted]');
  });

  it('records attached files by name, size and SHA-256, never their contents', async () => {
    const { router, events } = setup();
    const content = 'apiVersion: v1\nkind: Secret\nstringData:\n  password: hunter2\n';
    const contentBase64 = Buffer.from(content).toString('base64');
    await router.dispatch('azure.commandInvoke', { clusterId: CLUSTER, command: 'kubectl apply -f secret.yaml', files: [{ name: 'secret.yaml', contentBase64 }] }, sender);
    const details = redactAuditDetails(events[0]!.details);
    const sha256 = createHash('sha256').update(content).digest('hex');
    expect(details).toMatchObject({ files: [`secret.yaml (${content.length} bytes, sha256 ${sha256})`], fileBytes: content.length });
    expect(JSON.stringify(events)).not.toContain('hunter2');
    expect(JSON.stringify(events)).not.toContain(contentBase64);
  });

  it('leaves sessions, tunnels, host-key decisions and file writes to their services (one record per action)', async () => {
    const { router, events } = setup();
    await router.dispatch('tunnels.open', { name: 'aks-prod', via: { kind: 'bastion', bastionId: BASTION, targetResourceId: CLUSTER, port: 443 } }, sender);
    router.emit('tunnels.state', { name: 'aks-prod', kind: 'bastion', localPort: 6443, remote: CLUSTER, state: 'closed', activeConnections: 0, totalConnections: 3, bytesIn: 1200, bytesOut: 800, reconnects: 0 });
    await router.dispatch('ssh.open', { target: { route: { kind: 'direct', host: 'jump.corp', port: 22 }, username: 'azureuser', auth: { method: 'password', password: 'pw-123456' } }, cols: 80, rows: 24 }, sender);
    router.emit('hostkeys.prompt', { decisionId: 'd1', hostId: 'jump.corp:22', host: 'jump.corp', port: 22, keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc', requester: 's1', expiresAt: '2026-11-29T10:00:00Z' });
    router.emit('hostkeys.settled', { decisionId: 'd1', outcome: 'refused' });
    router.emit('ssh.exit', { sessionId: 's1', exitCode: 0 });
    expect(events).toEqual([]);
  });

  it('records nothing for rejected payloads, and stops when removed', async () => {
    const { router, events, remove } = setup();
    await router.dispatch('azure.commandInvoke', { clusterId: 'nope', command: '' }, sender);
    expect(events).toEqual([]);
    remove();
    await router.dispatch('azure.commandInvoke', { clusterId: CLUSTER, command: 'ls' }, sender);
    expect(events).toEqual([]);
  });
});
