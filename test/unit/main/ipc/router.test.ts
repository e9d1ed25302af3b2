import { describe, expect, it, vi } from 'vitest';
import { IpcRouter, type SenderInfo } from '../../../../src-main/ipc/router';
import { AppError } from '../../../../src-main/services/errors/app-error';
import { MemoryLogger } from '../../../support/memory-logger';

const trusted: SenderInfo = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };

function setup() {
  const log = new MemoryLogger();
  const router = new IpcRouter({ isTrustedSender: (s) => s.url.startsWith('app://console/') && s.isMainFrame, log });
  const update = vi.fn(async (patch: { language?: 'en' | 'ja' }) => ({ language: patch.language ?? 'en', theme: 'system' as const }));
  router.handle('settings.update', update);
  return { router, update, log };
}

describe('IpcRouter', () => {
  it('answers a valid request with the handler result in an ok envelope', async () => {
    const { router, update } = setup();
    await expect(router.dispatch('settings.update', { language: 'ja' }, trusted)).resolves.toEqual({ ok: true, data: { language: 'ja', theme: 'system' } });
    expect(update).toHaveBeenCalledOnce();
  });

  it.each([
    ['an unknown channel', 'settings.delete', {}, trusted, 'ipc.unknown_channel'],
    ['a prototype key as channel', '__proto__', {}, trusted, 'ipc.unknown_channel'],
    ['a non-string channel', 42, {}, trusted, 'ipc.unknown_channel'],
    ['a wrong payload type', 'settings.update', { language: 7 }, trusted, 'ipc.invalid_payload'],
    ['an unknown field', 'settings.update', { language: 'en', extra: 1 }, trusted, 'ipc.invalid_payload'],
    ['an oversized payload', 'settings.update', { language: 'x'.repeat(70_000) }, trusted, 'ipc.payload_too_large'],
    ['a sub-frame sender', 'settings.update', { language: 'en' }, { ...trusted, isMainFrame: false }, 'ipc.untrusted_sender'],
    ['a foreign origin', 'settings.update', { language: 'en' }, { ...trusted, url: 'https://evil.example/' }, 'ipc.untrusted_sender'],
  ] as const)('rejects %s with a specific code and runs no handler', async (_name, channel, payload, sender, code) => {
    const { router, update } = setup();
    const answer = await router.dispatch(channel, payload, sender);
    expect(answer).toMatchObject({ ok: false, error: { code } });
    expect(update).not.toHaveBeenCalled();
  });

  it('rejects a cyclic payload as unreadable', async () => {
    const { router, update } = setup();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(router.dispatch('settings.update', cyclic, trusted)).resolves.toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload' } });
    expect(update).not.toHaveBeenCalled();
  });

  it('logs rejections without the payload secrets', async () => {
    const { router, log } = setup();
    await router.dispatch('settings.update', { language: 'en', accessToken: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.sig' }, trusted);
    expect(log.lines.join('\n')).not.toContain('eyJhbGciOiJub25lIn0');
  });

  it('passes AppError codes through and hides other errors behind "internal"', async () => {
    const log = new MemoryLogger();
    const router = new IpcRouter({ isTrustedSender: () => true, log });
    router.handle('app.info', () => {
      throw new AppError('auth.needs_sign_in', 'Sign in again.');
    });
    router.handle('settings.get', () => {
      throw new Error('stack with secret eyJabcdefgh.eyJabcdefgh.zzz');
    });
    await expect(router.dispatch('app.info', undefined, trusted)).resolves.toEqual({ ok: false, error: { code: 'auth.needs_sign_in', message: 'Sign in again.' } });
    const internal = await router.dispatch('settings.get', undefined, trusted);
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('secret');
    expect(log.lines.join('\n')).not.toContain('eyJabcdefgh');
  });

  it('strips response fields outside the contract and refuses responses of the wrong shape', async () => {
    const router = new IpcRouter({ isTrustedSender: () => true, log: new MemoryLogger() });
    router.handle('settings.get', () => ({ language: 'en', theme: 'dark', refreshToken: 'r' }) as never);
    router.handle('app.info', () => ({ version: 1 }) as never);
    await expect(router.dispatch('settings.get', undefined, trusted)).resolves.toEqual({ ok: true, data: { language: 'en', theme: 'dark' } });
    await expect(router.dispatch('app.info', undefined, trusted)).resolves.toMatchObject({ ok: false, error: { code: 'ipc.invalid_response' } });
  });

  it('refuses a second handler for the same channel and a channel outside the contract', () => {
    const { router } = setup();
    expect(() => router.handle('settings.update', async () => ({ language: 'en', theme: 'system' }))).toThrow(/twice/);
    expect(() => router.handle('nope.verb' as never, () => undefined as never)).toThrow(/no contract entry/);
  });

  it('emits events to live sinks only, validated and stripped', () => {
    const router = new IpcRouter({ isTrustedSender: () => true, log: new MemoryLogger() });
    const live = { send: vi.fn(), isAlive: () => true };
    const dead = { send: vi.fn(), isAlive: () => false };
    router.attach(live);
    router.attach(dead);
    router.emit('settings.changed', { language: 'en', theme: 'light', token: 'x' } as never);
    router.emit('settings.changed', { language: 'xx' } as never);
    expect(live.send).toHaveBeenCalledTimes(1);
    expect(live.send).toHaveBeenCalledWith('settings.changed', { language: 'en', theme: 'light' });
    expect(dead.send).not.toHaveBeenCalled();
  });
});

describe('IpcRouter gates and observers', () => {
  it('a gate refuses a known channel after the sender check, before validation and the handler', async () => {
    const { router, update } = setup();
    let closed = true;
    router.addGate((channel) => (closed && channel === 'settings.update' ? { code: 'lock.locked', message: 'Locked.' } : undefined));
    await expect(router.dispatch('settings.update', { language: 7 }, trusted)).resolves.toMatchObject({ ok: false, error: { code: 'lock.locked' } });
    await expect(router.dispatch('settings.update', { language: 'en' }, { ...trusted, isMainFrame: false })).resolves.toMatchObject({ error: { code: 'ipc.untrusted_sender' } });
    expect(update).not.toHaveBeenCalled();
    closed = false;
    await expect(router.dispatch('settings.update', { language: 'en' }, trusted)).resolves.toMatchObject({ ok: true });
  });

  it('observers see validated calls with their answers and senders, and sent events; invalid calls are not observed', async () => {
    const { router } = setup();
    const calls: unknown[] = [];
    const events: unknown[] = [];
    const stop = router.observeDispatch((c) => calls.push(c));
    router.observeEmit((e, p) => events.push([e, p]));
    await router.dispatch('settings.update', { language: 'ja' }, trusted);
    await router.dispatch('settings.update', { language: 'xx' }, trusted);
    router.emit('settings.changed', { language: 'ja', theme: 'system' });
    expect(calls).toEqual([{ channel: 'settings.update', request: { language: 'ja' }, envelope: { ok: true, data: { language: 'ja', theme: 'system' } }, sender: trusted }]);
    expect(events).toEqual([['settings.changed', { language: 'ja', theme: 'system' }]]);
    stop();
    await router.dispatch('settings.update', { language: 'en' }, trusted);
    expect(calls).toHaveLength(1);
  });
});
