import { describe, expect, it } from 'vitest';
import { nodePtySpawner } from '../../../../../src-main/services/sessions/pty-port';
import { SessionManager } from '../../../../../src-main/services/sessions/session-manager';
import type { SessionExit } from '../../../../../src-main/services/sessions/types';
import type { HostKeyPrompts, SshConnector } from '../../../../../src-main/services/ssh';
import { MemoryLogger } from '../../../../support/memory-logger';

describe('session manager events (onDidX on the one Emitter)', () => {
  it('keeps delivering output and the exit to every listener when an earlier listener throws, and never to a disposed one', async () => {
    const manager = new SessionManager({ connector: {} as SshConnector, prompts: {} as HostKeyPrompts, log: new MemoryLogger() });
    const order: string[] = [];
    let text = '';
    manager.onDidData(() => {
      order.push('thrower');
      throw new Error('a renderer-side failure');
    });
    const offSilenced = manager.onDidData(() => order.push('silenced'));
    offSilenced();
    manager.onDidData(({ data }) => {
      order.push('reader');
      text += data;
    });
    manager.onDidExit(() => {
      throw new Error('a failing exit listener');
    });
    const exited = new Promise<SessionExit>((resolve) => manager.onDidExit(resolve));
    const script = 'printf first; sleep 0.2; printf second';
    const info = manager.openLocalSession(
      { spec: { file: '/bin/sh', args: ['-c', script], cwd: '/', env: { PATH: process.env.PATH } }, label: 'local', where: { host: 'local', port: 0, username: 'u' }, spawn: nodePtySpawner(), onEnd: async () => undefined },
      { cols: 80, rows: 24 },
    );
    const exit = await exited;
    expect(exit.sessionId).toBe(info.sessionId);
    expect(text.replace(/\r?\n/g, '')).toBe('firstsecond');
    // Every batch reached both live listeners, in subscription order; the disposed one heard nothing.
    expect(order.join(' ')).toMatch(/^thrower reader( thrower reader)+$/);
    await manager.dispose();
  });
});
