import { describe, expect, it } from 'vitest';
import { lockPolicyFrom, type LockPolicySource } from '../../../../../src-main/services/lock';

const policy: LockPolicySource = { idleTimeoutMinutes: 15, sessionsOnLock: 'close', lockOnOsLock: true, unlockWithoutAccount: 'end-sessions' };

describe('lockPolicyFrom', () => {
  it('turns policy minutes into milliseconds and reads the policy on every call', () => {
    let current = policy;
    const read = lockPolicyFrom(() => current);
    expect(read()).toEqual({ idleTimeoutMs: 900_000, sessionsOnLock: 'close', lockOnOsLock: true, unlockWithoutAccount: 'end-sessions' });
    current = { ...policy, idleTimeoutMinutes: 1, sessionsOnLock: 'keep' };
    expect(read()).toMatchObject({ idleTimeoutMs: 60_000, sessionsOnLock: 'keep' });
  });

  it("lets the host's override win, a number or a function read each time", () => {
    expect(lockPolicyFrom(() => policy, 250)().idleTimeoutMs).toBe(250);
    let ms = 100;
    const read = lockPolicyFrom(() => policy, () => ms);
    expect(read().idleTimeoutMs).toBe(100);
    ms = 300;
    expect(read().idleTimeoutMs).toBe(300);
  });
});
