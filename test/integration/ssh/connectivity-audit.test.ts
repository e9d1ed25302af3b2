import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../src-main/services/audit/audit-record';
import { createConnectivity, type Connectivity } from '../../../src-main/services/sessions/connectivity';
import type { SshTargetValue } from '../../../src-main/services/ssh/ssh-connector';
import { startSshd, type TestSshd } from '../../support/sshd';
import { MemoryLogger } from '../../support/memory-logger';
import { MemorySecretStore } from '../../support/memory-secret-store';

let sshd: TestSshd;
let dir: string;
let connectivity: Connectivity;
const records: AuditEvent[] = [];
let target: SshTargetValue;

beforeAll(async () => {
  sshd = await startSshd();
  dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-audit-'));
  connectivity = createConnectivity({ appDataDir: dir, homeDir: dir, secrets: new MemorySecretStore(), log: new MemoryLogger(), audit: { record: async (e) => void records.push(e) } });
  const { keyId } = await connectivity.keys.import('k', sshd.clientKey);
  target = { route: { kind: 'direct', host: sshd.host, port: sshd.port }, username: sshd.user, auth: { method: 'key', keyId } };
});
afterAll(async () => {
  await connectivity?.dispose();
  await sshd?.close();
  await rm(dir, { recursive: true, force: true });
});

async function until(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out; records: ${JSON.stringify(records.map((r) => [r.type, r.outcome]))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('audit trail of connectivity', () => {
  it('records the host-key decision, the session opening and its close, without credentials', async () => {
    const { manager, prompts } = connectivity;
    const off = prompts.onDidPrompt((p) => prompts.answer(p.decisionId, 'accept-always'));
    const info = await manager.openSession(target, { cols: 80, rows: 24 });
    await until(() => records.some((r) => r.type === 'ssh.open'));
    await manager.closeSession(info.sessionId);
    await until(() => records.some((r) => r.type === 'ssh.close'));
    off();
    // The key import is a trust change audited by the key vault; the connection's records follow it.
    expect(records.map((r) => [r.type, r.outcome])).toEqual([
      ['sshkey.import', 'success'],
      ['hostkey.decision', 'success'],
      ['ssh.open', 'success'],
      ['ssh.close', 'success'],
    ]);
    expect(records[1]!.details).toMatchObject({ decision: 'accept-always', fingerprint: expect.stringMatching(/^SHA256:/) });
    expect(records[2]).toMatchObject({ target: `${sshd.host}:${sshd.port}`, details: { username: sshd.user, route: 'direct' } });
    expect(JSON.stringify(records)).not.toMatch(/PRIVATE KEY/);
  });

  it('records a dropped session as a failed close with the reason', async () => {
    records.length = 0;
    const { manager } = connectivity;
    const info = await manager.openSession(target, { cols: 80, rows: 24 });
    await until(() => records.some((r) => r.type === 'ssh.open'));
    await sshd.stop();
    await until(() => records.some((r) => r.type === 'ssh.close'));
    expect(records.find((r) => r.type === 'ssh.close')).toMatchObject({ outcome: 'failure', details: { reason: expect.stringMatching(/^ssh\.connection_(closed|lost)$/) } });
    await sshd.start();
    await manager.closeSession(info.sessionId);
  });

  it('records a changed host key as denied, twice over: the decision and the failed opening', async () => {
    records.length = 0;
    await sshd.rotateHostKey();
    const info = await connectivity.manager.openSession(target, { cols: 80, rows: 24 });
    await until(() => records.some((r) => r.type === 'ssh.open'));
    expect(records.map((r) => [r.type, r.outcome, r.details?.decision ?? r.details?.reason])).toEqual([
      ['hostkey.decision', 'denied', 'refused-changed'],
      ['ssh.open', 'denied', 'ssh.host_key_changed'],
    ]);
    await connectivity.manager.closeSession(info.sessionId);
  });
});
