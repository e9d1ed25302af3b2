import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditForwarder, AuditService } from '../../../src-main/services/audit';
import { NetStack, type ProxyAuthScheme } from '../../../src-main/services/net';
import { startAuthProxyLab, type AuthProxyLab } from '../../support/auth-proxy-lab';
import { startLogsIngestionStandin, type LogsIngestionStandin } from '../../standins/logs-ingestion/server';
import { MemoryLogger } from '../../support/memory-logger';
import { MemorySecretStore } from '../../support/memory-secret-store';

// Audit forwarding (Logs Ingestion API stand-in) through a real squid, once per scheme.
let lab: AuthProxyLab;
let standin: LogsIngestionStandin;
let dir: string;
const savedEnv = { KRB5_CONFIG: process.env.KRB5_CONFIG, KRB5CCNAME: process.env.KRB5CCNAME };
const credential = { getToken: async () => ({ token: 'monitor-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

beforeAll(async () => {
  lab = await startAuthProxyLab();
  process.env.KRB5_CONFIG = lab.clientEnv.KRB5_CONFIG;
  process.env.KRB5CCNAME = lab.clientEnv.KRB5CCNAME;
  lab.kinit();
  standin = await startLogsIngestionStandin({ acceptToken: (t) => t === 'monitor-token' });
  dir = mkdtempSync(path.join(tmpdir(), 'audit-squid-'));
});

afterAll(async () => {
  await standin?.close();
  lab?.close();
  rmSync(dir, { recursive: true, force: true });
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('audit forwarding through an authenticating squid', () => {
  it.each<[ProxyAuthScheme, string]>([
    ['negotiate', 'operator@AKSC.TEST'],
    ['ntlm', 'CORP\\auditor'],
    ['basic', 'proxy-user'],
  ])('forwards every record through a proxy that demands %s', async (scheme, user) => {
    const proxy = await lab.startSquid([scheme]);
    const password = scheme === 'basic' ? lab.basicUser.password : 'ntlm-password';
    const net = NetStack.create({ proxyUrl: proxy, proxyCredentials: { get: async () => ({ username: scheme === 'basic' ? lab.basicUser.username : user, password }) } });
    const log = new MemoryLogger();
    const stream = `Custom-AksConsoleAudit${scheme}_CL`;
    const forwarder = new AuditForwarder(
      { endpoint: standin.endpoint, dcrImmutableId: 'dcr-0123456789abcdef', streamName: stream },
      { net, credential, cursorFile: path.join(dir, `${scheme}-cursor.json`), device: 'paw-01', log },
    );
    const audit = await AuditService.open({ filePath: path.join(dir, `${scheme}-audit.jsonl`), secrets: new MemorySecretStore(), log, forwarder, retryMs: 60_000 });
    try {
      for (const type of ['auth.sign-in', 'tunnel.open'] as const) await audit.record({ type, target: 'aks-1' });
      await audit.forward();
      expect((standin.rows.get(`dcr-0123456789abcdef/${stream}`) ?? []).map((r) => r.EventType)).toEqual(['auth.sign-in', 'tunnel.open']);
      expect(audit.forwardingStatus()).toMatchObject({ pending: 0, lastError: null });
    } finally {
      await audit.dispose();
      net.dispose();
    }
    expect(await lab.waitForUser(proxy, user)).toContain(user);
    expect(log.lines.join('\n')).not.toContain(password);
  });
});
