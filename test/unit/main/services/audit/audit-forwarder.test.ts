import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditForwarder, AuditService } from '../../../../../src-main/services/audit';
import { NetStack } from '../../../../../src-main/services/net';
import { startConnectProxy, type ConnectProxy } from '../../../../support/connect-proxy';
import { startLogsIngestionStandin, type LogsIngestionStandin } from '../../../../standins/logs-ingestion/server';
import { MemoryLogger } from '../../../../support/memory-logger';
import { MemorySecretStore } from '../../../../support/memory-secret-store';

let dir: string;
let standin: LogsIngestionStandin;
let proxy: ConnectProxy;
let net: NetStack;
const scopes: string[] = [];
const credential = { getToken: async (scope: string | string[]) => (scopes.push(String(scope)), { token: 'monitor-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'audit-fwd-'));
  standin = await startLogsIngestionStandin({ acceptToken: (t) => t === 'monitor-token' });
  proxy = await startConnectProxy();
  net = NetStack.create({ proxyUrl: proxy.url });
});
afterEach(async () => {
  net.dispose();
  await standin.close();
  await proxy.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openAudit(): Promise<AuditService> {
  const log = new MemoryLogger();
  const forwarder = new AuditForwarder(
    { endpoint: standin.endpoint, dcrImmutableId: 'dcr-0123456789abcdef', streamName: 'Custom-AksConsoleAudit_CL' },
    { net, credential, cursorFile: path.join(dir, 'forward-cursor.json'), device: 'paw-01', log },
  );
  return AuditService.open({ filePath: path.join(dir, 'audit-log.jsonl'), secrets: new MemorySecretStore(), log, forwarder, retryMs: 60_000 });
}

const forwarded = () => standin.rows.get('dcr-0123456789abcdef/Custom-AksConsoleAudit_CL') ?? [];

describe('audit forwarding to the Logs Ingestion API', () => {
  it('spools while the service is down and sends everything in order through the proxy once it is back', async () => {
    standin.mode = { kind: 'unavailable' };
    const audit = await openAudit();
    for (const type of ['auth.sign-in', 'tunnel.open', 'tunnel.close'] as const) await audit.record({ type, target: 'aks-1' });
    await audit.forward();
    expect(audit.forwardingStatus()).toMatchObject({ enabled: true, pending: 3, lastError: expect.stringMatching(/HTTP 503/) });
    expect(forwarded()).toHaveLength(0);

    standin.mode = { kind: 'accept' };
    const restarted = await openAudit();
    await restarted.forward();
    expect(forwarded().map((r) => [r.Seq, r.EventType, r.Device])).toEqual([
      [1, 'auth.sign-in', 'paw-01'],
      [2, 'tunnel.open', 'paw-01'],
      [3, 'tunnel.close', 'paw-01'],
    ]);
    expect(restarted.forwardingStatus()).toMatchObject({ pending: 0, lastError: null });
    expect(scopes.at(-1)).toBe('https://monitor.azure.com//.default');
    expect(proxy.tunnelsTo(new URL(standin.endpoint).host)).toBeGreaterThanOrEqual(1);

    await restarted.record({ type: 'auth.sign-out' });
    await restarted.forward();
    expect(forwarded().map((r) => r.Seq)).toEqual([1, 2, 3, 4]);
    await audit.dispose();
    await restarted.dispose();
  });

  it('honours Retry-After when throttled and does not hammer the service', async () => {
    standin.mode = { kind: 'throttle', retryAfterSeconds: 120 };
    const audit = await openAudit();
    await audit.record({ type: 'app.start' });
    await audit.forward();
    const attempts = standin.attempts.length;
    expect(standin.attempts.at(-1)?.status).toBe(429);
    standin.mode = { kind: 'accept' };
    await audit.forward();
    expect(standin.attempts.length).toBe(attempts);
    expect(audit.forwardingStatus().pending).toBe(1);
    await audit.dispose();
  });

  it('reports a refused token without losing the spool', async () => {
    standin.mode = { kind: 'unauthorized' };
    const audit = await openAudit();
    await audit.record({ type: 'app.start' });
    await audit.forward();
    expect(audit.forwardingStatus()).toMatchObject({ pending: 1, lastError: expect.stringMatching(/HTTP 401/) });
    await audit.dispose();
  });
  it('records written before sign-in wait for it, not for a retry timer: the first record after sign-in sends them all', async () => {
    // As the console's AuthService answers before anyone signed in.
    let signedIn = false;
    const beforeSignIn = {
      getToken: async () => {
        if (!signedIn) throw Object.assign(new Error('Sign in first.'), { code: 'auth.sign_in_required' });
        return { token: 'monitor-token', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    const log = new MemoryLogger();
    const forwarder = new AuditForwarder(
      { endpoint: standin.endpoint, dcrImmutableId: 'dcr-0123456789abcdef', streamName: 'Custom-AksConsoleAudit_CL' },
      { net, credential: beforeSignIn, cursorFile: path.join(dir, 'forward-cursor.json'), device: 'paw-01', log },
    );
    const audit = await AuditService.open({ filePath: path.join(dir, 'audit-log.jsonl'), secrets: new MemorySecretStore(), log, forwarder, retryMs: 60_000 });
    await audit.record({ type: 'app.start', outcome: 'info' });
    await audit.forward();
    expect(forwarded()).toHaveLength(0);
    // Azure Monitor was never asked: the status says what it waits for, not that the service is unreachable.
    expect(audit.forwardingStatus()).toMatchObject({ pending: 1, lastError: expect.stringMatching(/sign-in/i) });
    expect(audit.forwardingStatus().lastError).not.toMatch(/not reachable/);
    signedIn = true;
    await audit.record({ type: 'auth.sign-in', target: 'operator@contoso' });
    await audit.forward();
    expect(forwarded().map((r) => r.EventType)).toEqual(['app.start', 'auth.sign-in']);
    expect(audit.forwardingStatus()).toMatchObject({ pending: 0, lastError: null });
    await audit.dispose();
  });
});
