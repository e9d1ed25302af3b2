import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registerPolicyHandlers } from '../../../../../src-main/ipc/handlers/policy-handlers';
import { IpcRouter } from '../../../../../src-main/ipc/router';
import { PolicyService } from '../../../../../src-main/services/policy';
import { MemoryLogger } from '../../../../support/memory-logger';

const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };
let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('policy handlers', () => {
  it('answers policy.get with the strict defaults and puts the reason in the status area when the policy is invalid', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'policy-ipc-'));
    const file = path.join(dir, 'policy.json');
    writeFileSync(file, '{"schemaVersion": 1, "lock": {"idleTimeoutMinutes": "soon"}}');
    chmodSync(file, 0o644);
    const router = new IpcRouter({ isTrustedSender: () => true, log: new MemoryLogger() });
    const policy = new PolicyService({ sources: { filePath: file }, log: new MemoryLogger(), watchIntervalMs: 0 });
    registerPolicyHandlers(router, { policy });
    const events: Array<[string, unknown]> = [];
    router.attach({ send: (name, payload) => events.push([name, payload]), isAlive: () => true });
    const answer = await router.dispatch('policy.get', undefined, sender);
    expect(answer).toMatchObject({ ok: true, data: { source: 'invalid', effective: { idleTimeoutMinutes: 5, sessionsOnLock: 'close' } } });
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual([['app.notice', expect.objectContaining({ level: 'error', code: 'policy.invalid', message: expect.stringMatching(/lock\.idleTimeoutMinutes/) })]]);

    writeFileSync(file, '{"schemaVersion": 1}');
    policy.reload();
    expect(events.slice(1).map(([n]) => n)).toEqual(['policy.changed', 'app.notice']);
  });
});
