import { describe, expect, it } from 'vitest';
import type { InvokeResponse } from '../../../../../src-main/ipc/contract';
import { mergeSessions } from '../../../../../src-renderer/features/terminals/session-list';

type SessionInfo = InvokeResponse<'ssh.open'>;

const base: SessionInfo = {
  sessionId: '3f0c9a52-7e1b-4d2a-9c41-0b5e8f6a2d17',
  label: 'vm-jump',
  route: 'bastion',
  host: '10.0.2.4',
  port: 22,
  username: 'azureuser',
  state: 'authenticating',
  cols: 80,
  rows: 24,
  bytesIn: 0,
  bytesOut: 0,
  openedAt: '2026-12-07T14:00:00.000Z',
  reconnects: 0,
};

describe('the terminals list', () => {
  it('keeps a newer state event when an older list read answers after it (the tab stayed "authenticating")', () => {
    const opened = { ...base, state: 'open' as const, revision: 4 };
    const staleList = [{ ...base, state: 'authenticating' as const, revision: 3 }];
    expect(mergeSessions([opened], staleList)).toEqual([opened]);
  });

  it('takes an update at least as new as what it knows, and adds sessions it did not know', () => {
    const known = { ...base, state: 'open' as const, revision: 4, bytesIn: 10 };
    const sameRevision = { ...known, bytesIn: 99 };
    const other = { ...base, sessionId: '9b1d2c3e-4f5a-4b6c-8d7e-1f2a3b4c5d6e', revision: 1 };
    expect(mergeSessions([known], [sameRevision, other])).toEqual([sameRevision, other]);
    expect(mergeSessions([{ ...known, state: 'authenticating', revision: 3 }], [known])).toEqual([known]);
  });
});
