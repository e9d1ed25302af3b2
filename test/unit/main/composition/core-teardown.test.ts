import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsoleCore } from '../../../../src-main/core';
import { AuditService } from '../../../../src-main/services/audit';
import { ArmService } from '../../../../src-main/services/azure/arm-service';
import { BastionTunnelClient } from '../../../../src-main/services/bastion';
import { LockService } from '../../../../src-main/services/lock';
import { NetStack } from '../../../../src-main/services/net';
import { SessionManager } from '../../../../src-main/services/sessions/session-manager';
import { testCoreOptions } from '../../../support/core-options';
import { MemoryLogger } from '../../../support/memory-logger';
import { MemorySecretStore } from '../../../support/memory-secret-store';

describe('the composed core', () => {
  let dir: string | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('tears down in reverse order of creation, each service once, ArmService included', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-teardown-'));
    const order: string[] = [];
    const spies = { lock: LockService, sessions: SessionManager, bastion: BastionTunnelClient, arm: ArmService, audit: AuditService, net: NetStack };
    for (const [name, type] of Object.entries(spies)) {
      const original = type.prototype.dispose as (this: unknown) => unknown;
      vi.spyOn(type.prototype, 'dispose').mockImplementation(function (this: unknown) {
        order.push(name);
        return original.call(this) as never;
      });
    }
    const core = createConsoleCore(testCoreOptions({ appDataDir: dir, log: new MemoryLogger(), isTrustedSender: () => true }, { secretStore: new MemorySecretStore() }));
    expect(order).toEqual([]);
    await core.dispose();
    await core.dispose();
    // Sessions close before the Bastion client DELETEs its sessions; the audit log outlives both, the network everything.
    expect(order).toEqual(['lock', 'sessions', 'bastion', 'arm', 'audit', 'net']);
  });

  it('lets the lock close the sessions it was built over when policy says so', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-lock-'));
    const policyFile = path.join(dir, 'policy.json');
    await writeFile(policyFile, JSON.stringify({ schemaVersion: 1, lock: { sessionsOnLock: 'close' } }));
    const closeAll = vi.spyOn(SessionManager.prototype, 'closeAll');
    const core = createConsoleCore(
      testCoreOptions({ appDataDir: dir, log: new MemoryLogger(), isTrustedSender: () => true }, { secretStore: new MemorySecretStore(), policySources: { filePath: policyFile } }),
    );
    try {
      expect(core.policy.effective().sessionsOnLock).toBe('close');
      const state = await core.lock.lock('manual');
      expect(closeAll).toHaveBeenCalledOnce();
      expect(state.closed).toEqual({ sessions: 0, tunnels: 0 });
    } finally {
      await core.dispose();
    }
  });
});
