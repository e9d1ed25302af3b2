import { describe, expect, it } from 'vitest';
import type { SessionInfoValue } from '../../../../../src-main/services/sessions/types';
import { nodePtySpawner } from '../../../../../src-main/services/sessions/pty-port';
import { SessionManager } from '../../../../../src-main/services/sessions/session-manager';
import type { HostKeyPrompts, SshConnector } from '../../../../../src-main/services/ssh';
import { MemoryLogger } from '../../../../support/memory-logger';

describe('session revisions (a read never outranks a later event)', () => {
  it('raises the revision with every state event, and a list or an answer carries the revision of the last event', async () => {
    const manager = new SessionManager({ connector: {} as SshConnector, prompts: {} as HostKeyPrompts, log: new MemoryLogger() });
    const events: SessionInfoValue[] = [];
    manager.onDidChangeSession((info) => events.push(info));
    const exited = new Promise<void>((resolve) => manager.onDidExit(() => resolve()));
    const opened = manager.openLocalSession(
      { spec: { file: '/bin/sh', args: ['-c', 'printf ready; sleep 0.2'], cwd: '/', env: { PATH: process.env.PATH } }, label: 'local', where: { host: 'local', port: 0, username: 'u' }, spawn: nodePtySpawner(), onEnd: async () => undefined },
      { cols: 80, rows: 24 },
    );
    expect(opened.revision).toBe(events.length); // the answer carries the events fired so far
    await exited;
    await expect.poll(() => events.length).toBeGreaterThanOrEqual(2);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i + 1));
    const listed = manager.listSessions().find((s) => s.sessionId === opened.sessionId);
    expect(listed?.revision).toBe(events.at(-1)?.revision);
    expect(listed?.state).toBe(events.at(-1)?.state);
    await manager.closeSession(opened.sessionId);
    expect(events.at(-1)?.revision).toBe(events.length);
    await manager.dispose();
  });
});
