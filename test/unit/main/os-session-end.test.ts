import { describe, expect, it } from 'vitest';
import { endOsSession } from '../../../src-main/os-session-end';

describe('endOsSession (Windows logoff)', () => {
  it('writes the audit line before closing sessions, and never waits on a stuck close', async () => {
    const order: string[] = [];
    await endOsSession({
      audit: { record: async (event) => void order.push(`audit ${event.type}`) },
      closeAllSessions: () => (order.push('close'), new Promise(() => undefined)),
      stepTimeoutMs: 20,
    });
    expect(order).toEqual(['audit app.session-end', 'close']);
  });

  it('still closes sessions when the audit log cannot be written', async () => {
    const order: string[] = [];
    await endOsSession({ audit: { record: async () => Promise.reject(new Error('disk full')) }, closeAllSessions: async () => void order.push('close'), stepTimeoutMs: 20 });
    expect(order).toEqual(['close']);
  });
});
