import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchdogChoice, WatchdogOffer } from '../../src-main/services/watchdog/window-watchdog';
import { startSshdTerminals, type SshdTerminals } from './support/sshd-terminals';

/** Blocks the page's main thread for `ms`, as a renderer stuck in one long task does. */
const hang = (w: SshdTerminals, ms: number) =>
  w.h.page.evaluate((t) => {
    const end = Date.now() + t;
    while (Date.now() < end) {
      // busy: no event, no IPC answer, no paint
    }
  }, ms);

describe('the watchdog notices a stuck window and offers a way out (heartbeat over the harness transport)', () => {
  let w: SshdTerminals;
  const offers: WatchdogOffer[] = [];
  let nextChoice: WatchdogChoice = 'wait';
  let reloads = 0;

  beforeAll(async () => {
    w = await startSshdTerminals({
      core: {
        heartbeat: { intervalMs: 300, timeoutMs: 2000 },
        offerRecovery: async (offer) => (offers.push(offer), nextChoice),
        reloadWindow: () => {
          reloads++;
          void w.h.page.reload().catch(() => undefined);
        },
      },
    });
  });
  afterAll(async () => {
    await w?.close();
  });

  const audit = async (type: 'window.unresponsive' | 'window.responsive' | 'window.recovery') =>
    (await w.h.core.audit.list({ types: [type] })).records;

  it('records the stuck window with the session that last wrote, and closes that session when the operator chooses so', async () => {
    const quiet = await w.open('quiet');
    const noisy = await w.open('noisy');
    await w.run(quiet, `printf 'quiet\\055ready\\n'`);
    await expect.poll(() => w.screen(quiet)).toContain('quiet-ready');
    await w.run(noisy, `printf 'noisy\\055last\\n'`);
    await expect.poll(() => w.screen(noisy)).toContain('noisy-last');
    nextChoice = 'close-session';

    await hang(w, 5000);
    await expect.poll(() => audit('window.unresponsive'), { timeout: 20_000 }).toHaveLength(1);
    const [stuck] = await audit('window.unresponsive');
    expect(stuck).toMatchObject({ outcome: 'failure', target: 'noisy', details: { source: 'heartbeat', lastOutputSession: noisy } });
    expect(offers).toEqual([{ sessionId: noisy, label: 'noisy', language: 'en' }]);
    await expect.poll(async () => (await w.h.core.router.dispatch('ssh.list', undefined, { url: `${w.h.origin}/index.html`, isMainFrame: true, senderId: 't' })) as unknown).toMatchObject({
      ok: true,
      data: [{ sessionId: quiet }],
    });
    expect((await audit('window.recovery'))[0]).toMatchObject({ details: { choice: 'close-session', session: noisy } });
    // The page answers again: recorded once, and the other session still works.
    await expect.poll(() => audit('window.responsive'), { timeout: 20_000 }).toHaveLength(1);
    await w.run(quiet, `printf 'quiet\\055still\\055works\\n'`);
    await expect.poll(() => w.screen(quiet)).toContain('quiet-still-works');
    await expect.poll(() => w.h.page.locator(`#tab-${noisy}`).textContent()).toContain('(Ended)');
  });

  it('reloads the window when the operator chooses so, and the page takes its session back', async () => {
    nextChoice = 'reload';
    const [session] = (await w.h.core.connectivity.manager.listSessions()).map((s) => s.sessionId);
    // The reload ends the stuck script itself, as it does in Electron.
    await hang(w, 5000).catch(() => undefined);
    await expect.poll(() => reloads, { timeout: 20_000 }).toBe(1);
    await w.h.page.locator('nav button[data-area="terminals"]').click();
    await expect.poll(() => w.screen(session!), { timeout: 30_000 }).toContain('quiet-still-works');
    expect((await audit('window.recovery')).map((r) => r.details?.choice)).toEqual(['reload', 'close-session']); // newest first
  });
});
