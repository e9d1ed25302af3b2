import { describe, expect, it } from 'vitest';
import { AuthAuditBridge, type AuditEvent } from '../../../../../src-main/services/audit';

describe('AuthAuditBridge', () => {
  it('records sign-in, tenant switch, account switch and sign-out from status changes', () => {
    const events: AuditEvent[] = [];
    const bridge = new AuthAuditBridge({ record: async (e) => events.push(e) });
    const alice = { username: 'alice@contoso.example', homeAccountId: 'a.t1' };
    const bob = { username: 'bob@contoso.example', homeAccountId: 'b.t1' };
    bridge.observe({ state: 'signed-out' });
    expect(bridge.actor()).toBeNull();
    bridge.observe({ state: 'signed-in', account: alice, tenantId: 't1' });
    expect(bridge.actor()).toBe('alice@contoso.example');
    bridge.observe({ state: 'signed-in', account: alice, tenantId: 't1' });
    bridge.observe({ state: 'signing-in' });
    bridge.observe({ state: 'signed-in', account: alice, tenantId: 't1' });
    bridge.observe({ state: 'signed-in', account: alice, tenantId: 't2' });
    bridge.observe({ state: 'signed-in', account: bob, tenantId: 't2' });
    bridge.observe({ state: 'signed-out' });
    expect(events.map((e) => `${e.type}:${e.actor}`)).toEqual([
      'auth.sign-in:alice@contoso.example',
      'auth.tenant-switch:alice@contoso.example',
      'auth.sign-out:alice@contoso.example',
      'auth.sign-in:bob@contoso.example',
      'auth.sign-out:bob@contoso.example',
    ]);
    expect(events[1]).toMatchObject({ target: 't2', details: { from: 't1' } });
    expect(events[0]?.details).toMatchObject({ restored: false });
  });
});
