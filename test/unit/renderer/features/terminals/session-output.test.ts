import { describe, expect, it } from 'vitest';
import { SessionOutputRouter } from '../../../../../src-renderer/features/terminals/session-output';
import { normalizeTerminalSettings } from '../../../../../src-renderer/features/terminals/terminal-preferences';

describe('session output routing', () => {
  it('holds output that arrives before the pane and replays it in order on attach', () => {
    const router = new SessionOutputRouter();
    router.deliver({ sessionId: 'a', data: 'banner ', bytes: 7 });
    router.deliver({ sessionId: 'b', data: 'other', bytes: 5 });
    router.deliver({ sessionId: 'a', data: 'prompt$ ', bytes: 8 });
    const seen: string[] = [];
    const detach = router.attach('a', (c) => seen.push(c.data));
    router.deliver({ sessionId: 'a', data: 'live', bytes: 4 });
    expect(seen).toEqual(['banner ', 'prompt$ ', 'live']);
    detach();
    router.deliver({ sessionId: 'a', data: 'after', bytes: 5 });
    expect(seen).toHaveLength(3);
  });

  it('on takeover, drops output that the replay already holds and keeps order, without acknowledging the replay', () => {
    const router = new SessionOutputRouter();
    const seen: Array<[string, string, number]> = [];
    router.attach('a', (c) => seen.push([c.sessionId, c.data, c.bytes]));
    router.attach('new', (c) => seen.push([c.sessionId, c.data, c.bytes]));
    router.beginReattach();
    router.deliver({ sessionId: 'a', data: 'old', bytes: 3 }); // sent before the replay: inside it
    router.replay({ sessionId: 'a', data: 'history old' });
    router.deliver({ sessionId: 'a', data: ' live', bytes: 5 });
    router.deliver({ sessionId: 'new', data: 'fresh', bytes: 5 }); // opened by this page: not replayed
    expect(seen).toEqual([]);
    router.reattached(['a']);
    expect(seen).toEqual([['a', 'history old', 0], ['a', ' live', 5], ['new', 'fresh', 5]]);
  });

  it('drops a replayed session\'s output until its replay arrives, even after main answered', () => {
    const router = new SessionOutputRouter();
    const seen: string[] = [];
    router.attach('a', (c) => seen.push(c.data));
    router.beginReattach();
    router.reattached(['a']);
    router.deliver({ sessionId: 'a', data: 'old', bytes: 3 });
    router.replay({ sessionId: 'a', data: 'history old' });
    router.deliver({ sessionId: 'a', data: ' new', bytes: 4 });
    expect(seen).toEqual(['history old', ' new']);
  });

  it('drops output held for a pane that never attached once the replay, which holds it, arrives', () => {
    const router = new SessionOutputRouter();
    router.beginReattach();
    router.reattached([]); // refused while locked
    router.deliver({ sessionId: 'a', data: 'during lock', bytes: 11 });
    router.beginReattach(); // on unlock
    router.replay({ sessionId: 'a', data: 'history during lock' });
    router.reattached(['a']);
    router.deliver({ sessionId: 'a', data: ' new', bytes: 4 });
    const seen: string[] = [];
    router.attach('a', (c) => seen.push(c.data));
    expect(seen).toEqual(['history during lock', ' new']);
  });

  it('delivers everything when the takeover fails', () => {
    const router = new SessionOutputRouter();
    const seen: string[] = [];
    router.attach('a', (c) => seen.push(c.data));
    router.beginReattach();
    router.deliver({ sessionId: 'a', data: 'x', bytes: 1 });
    router.reattached([]);
    expect(seen).toEqual(['x']);
  });
});

describe('terminal settings validation', () => {
  it('clamps numbers and falls back on bad types', () => {
    expect(normalizeTerminalSettings({ fontSize: 400, scrollback: -5, screenReaderMode: 'yes', guardDestructive: false })).toEqual({
      fontSize: 32, scrollback: 0, screenReaderMode: false, preferDomRenderer: false, guardDestructive: false,
    });
    expect(normalizeTerminalSettings(null).fontSize).toBe(14);
  });
});
