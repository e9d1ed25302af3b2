import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installAuditTap } from '../../../../../src-main/ipc/handlers/audit-tap';
import { registerProxyHandlers } from '../../../../../src-main/ipc/handlers/proxy-handlers';
import { IpcRouter } from '../../../../../src-main/ipc/router';
import { AuditService } from '../../../../../src-main/services/audit';
import { DEFAULT_PROXY_AUTH_POLICY, KeychainProxyCredentials, type ProxyAuthPolicy } from '../../../../../src-main/services/net';
import { MemoryLogger } from '../../../../support/memory-logger';
import { MemorySecretStore } from '../../../../support/memory-secret-store';

const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };
const PASSWORD = 'pw-entered-once-7f3a';
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The proxy handlers and the audit tap on one router, with a real audit log in a temp folder. */
async function setup(policy: ProxyAuthPolicy = DEFAULT_PROXY_AUTH_POLICY) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-proxy-audit-'));
  const filePath = path.join(dir, 'audit-log.jsonl');
  const log = new MemoryLogger();
  const audit = new AuditService({ filePath, secrets: new MemorySecretStore(), log, actor: () => 'op@contoso.example' });
  const router = new IpcRouter({ isTrustedSender: () => true, log });
  registerProxyHandlers(router, { credentials: new KeychainProxyCredentials(new MemorySecretStore()), policy: () => policy, changed: () => undefined });
  const remove = installAuditTap(router, audit);
  cleanups.push(async () => {
    remove();
    await audit.dispose();
    await rm(dir, { recursive: true, force: true });
  });
  // Oldest first (the list answers newest first).
  const records = async () => (await audit.list({})).records.filter((r) => r.type.startsWith('proxy.')).sort((a, b) => a.seq - b.seq);
  return { router, audit, records, file: () => readFile(filePath, 'utf8') };
}

describe('proxy credentials in the audit log', () => {
  it('records saving and forgetting a proxy credential as trust changes: proxy and user name, never the password', async () => {
    const { router, records, file } = await setup();
    await router.dispatch('proxy.saveCredential', { proxy: 'proxy.corp.example:8080', username: 'CORP\\op', password: PASSWORD }, sender);
    await router.dispatch('proxy.forgetCredential', { proxy: 'proxy.corp.example:8080' }, sender);
    await router.dispatch('proxy.forgetCredential', { proxy: 'proxy.corp.example:8080' }, sender);
    expect((await records()).map((r) => ({ type: r.type, outcome: r.outcome, actor: r.actor, target: r.target, details: r.details }))).toEqual([
      { type: 'proxy.credential-save', outcome: 'success', actor: 'op@contoso.example', target: 'proxy.corp.example:8080', details: { username: 'CORP\\op' } },
      { type: 'proxy.credential-forget', outcome: 'success', actor: 'op@contoso.example', target: 'proxy.corp.example:8080', details: { removed: true } },
      { type: 'proxy.credential-forget', outcome: 'success', actor: 'op@contoso.example', target: 'proxy.corp.example:8080', details: { removed: false } },
    ]);
    expect(await file()).not.toContain(PASSWORD);
  });

  it('records a save that policy refuses as denied, with the reason, and still never the password', async () => {
    const { router, records, file } = await setup({ ...DEFAULT_PROXY_AUTH_POLICY, credentialHosts: ['.corp.example'] });
    await router.dispatch('proxy.saveCredential', { proxy: 'evil.example:8080', username: 'op', password: PASSWORD }, sender);
    expect(await records()).toEqual([expect.objectContaining({ type: 'proxy.credential-save', outcome: 'denied', target: 'evil.example:8080', details: { username: 'op', error: 'proxy.credentials_not_allowed' } })]);
    expect(await file()).not.toContain(PASSWORD);
  });

  it('records nothing for a request the contract refuses', async () => {
    const { router, records } = await setup();
    await router.dispatch('proxy.saveCredential', { proxy: 'http://proxy/path', username: 'op', password: PASSWORD }, sender);
    expect(await records()).toEqual([]);
  });
});
