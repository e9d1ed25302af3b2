import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { activityInterval, createThrottle, LockOverlay } from '../../../../../src-renderer/features/lock';
import type { PreloadApi } from '../../../../../src-main/ipc/contract';

type Listener = (payload: unknown) => void;

function installBridge(initial: Record<string, unknown>) {
  const listeners = new Map<string, Listener>();
  const calls: string[] = [];
  const invoke = new Proxy({}, { get: (_t, channel: string) => async () => (calls.push(channel), { ok: true, data: channel === 'lock.state' ? initial : channel === 'lock.activity' ? { locked: false } : {} }) });
  const on = new Proxy({}, { get: (_t, event: string) => (l: Listener) => (listeners.set(event, l), () => listeners.delete(event)) });
  window.aksConsole = { invoke, on } as unknown as PreloadApi;
  return { calls, emit: (event: string, payload: unknown) => listeners.get(event)?.(payload) };
}

const base = { locked: false, reason: null, since: null, user: null, idleTimeoutSeconds: 60, sessionsOnLock: 'keep', closed: null, unlocking: false };

afterEach(() => {
  delete window.aksConsole;
  document.body.innerHTML = '';
});

describe('LockOverlay', () => {
  it('blurs and disables the app while main says locked, and asks for the policy at start', async () => {
    const root = document.createElement('div');
    root.id = 'root';
    document.body.append(root);
    const bridge = installBridge(base);
    render(<LockOverlay />, { container: root });
    await act(async () => undefined);
    expect(screen.queryByTestId('lock-overlay')).toBeNull();
    expect(bridge.calls).toEqual(expect.arrayContaining(['lock.state', 'policy.get']));
    act(() => bridge.emit('lock.changed', { ...base, locked: true, reason: 'idle', since: '2026-11-29T09:00:00.000Z', user: 'alice@contoso.example' }));
    expect(screen.getByTestId('lock-overlay')).toBeTruthy();
    expect(root.inert).toBe(true);
    expect(root.classList.contains('app-locked')).toBe(true);
    expect(document.activeElement).toBe(screen.getByTestId('lock-unlock'));
    act(() => bridge.emit('lock.changed', base));
    expect(screen.queryByTestId('lock-overlay')).toBeNull();
    expect(root.inert).toBe(false);
  });
});

describe('activity throttle', () => {
  it('reports at most once per interval', () => {
    let now = 0;
    let reports = 0;
    const tick = createThrottle(() => reports++, () => 1000, () => now);
    tick();
    tick();
    now = 999;
    tick();
    now = 1000;
    tick();
    expect(reports).toBe(2);
    expect(activityInterval(3600)).toBe(15_000);
    expect(activityInterval(1)).toBe(250);
  });
});
