import type { INativeBrokerPlugin } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { chooseInteractivePath, loadNativeBrokerPlugin } from '../../../../../src-main/services/auth/broker';

const plugin = (available: boolean) => ({ isBrokerAvailable: available }) as unknown as INativeBrokerPlugin;

describe('chooseInteractivePath (WAM selection)', () => {
  it('uses the broker on Windows when the plugin loads and its runtime started', async () => {
    const chosen = await chooseInteractivePath({ platform: 'win32', policy: 'auto', loadPlugin: async () => plugin(true) });
    expect(chosen.mode).toBe('broker');
  });

  it.each([
    ['policy turns it off', { platform: 'win32' as const, policy: 'off' as const, loadPlugin: async () => plugin(true) }, /turned off by policy/],
    ['the plugin is not installed', { platform: 'win32' as const, policy: 'auto' as const, loadPlugin: async () => Promise.reject(new Error("Cannot find package '@azure/msal-node-extensions'")) }, /not installed: Cannot find package/],
    ['the runtime did not start', { platform: 'win32' as const, policy: 'auto' as const, loadPlugin: async () => plugin(false) }, /did not start/],
  ])('falls back to the browser with a visible reason when %s', async (_name, facts, reason) => {
    const chosen = await chooseInteractivePath(facts);
    expect(chosen).toEqual({ mode: 'browser', reason: expect.stringMatching(reason) });
  });

  it.each(['linux', 'darwin'] as const)('never tries the broker on %s', async (platform) => {
    let loaded = false;
    const chosen = await chooseInteractivePath({ platform, policy: 'auto', loadPlugin: async () => ((loaded = true), plugin(true)) });
    expect(chosen).toEqual({ mode: 'browser' });
    expect(loaded).toBe(false);
  });
});

describe('chooseInteractivePath when policy requires the broker', () => {
  it.each([
    ['on Linux', { platform: 'linux' as const, loadPlugin: async () => plugin(true) }, /no OS broker on this platform/],
    ['without the plugin', { platform: 'win32' as const, loadPlugin: async () => Promise.reject(new Error('missing')) }, /not installed: missing/],
    ['when WAM did not start', { platform: 'win32' as const, loadPlugin: async () => plugin(false) }, /did not start/],
  ])('blocks browser sign-in %s, saying why', async (_name, facts, reason) => {
    const chosen = await chooseInteractivePath({ ...facts, policy: 'required' });
    expect(chosen).toEqual({ mode: 'browser', blocked: true, reason: expect.stringMatching(reason) });
    expect((chosen as { reason: string }).reason).toMatch(/^Policy requires the OS broker/);
  });

  it('uses the broker when it is there', async () => {
    expect((await chooseInteractivePath({ platform: 'win32', policy: 'required', loadPlugin: async () => plugin(true) })).mode).toBe('broker');
  });
});

describe('the WAM broker plugin ships with the console', () => {
  it('loads msal-node-extensions\' NativeBrokerPlugin (so auth.brokerRequired can be met on Windows)', async () => {
    const loaded = await loadNativeBrokerPlugin();
    expect(Object.getPrototypeOf(loaded).constructor.name).toBe('NativeBrokerPlugin');
    // Off Windows its runtime does not start, and the decision never uses it there.
    expect(loaded.isBrokerAvailable).toBe(false);
  });
});
