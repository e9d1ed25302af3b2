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
});

describe('terminal settings validation', () => {
  it('clamps numbers and falls back on bad types', () => {
    expect(normalizeTerminalSettings({ fontSize: 400, scrollback: -5, screenReaderMode: 'yes', guardDestructive: false })).toEqual({
      fontSize: 32, scrollback: 0, screenReaderMode: false, preferDomRenderer: false, guardDestructive: false,
    });
    expect(normalizeTerminalSettings(null).fontSize).toBe(14);
  });
});
