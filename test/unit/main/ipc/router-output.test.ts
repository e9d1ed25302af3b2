import { describe, expect, it } from 'vitest';
import { IpcRouter } from '../../../../src-main/ipc/router';
import { MemoryLogger } from '../../../support/memory-logger';

function setup() {
  const log = new MemoryLogger();
  const router = new IpcRouter({ isTrustedSender: () => true, log });
  const sent: Array<[string, unknown]> = [];
  router.attach({ send: (event, payload) => sent.push([event, payload]), isAlive: () => true });
  return { router, sent, log };
}

describe('IpcRouter.emitOutput (the terminal data plane)', () => {
  it('sends each batch as an ssh.data event carrying exactly the contract fields, in order with other events', () => {
    const { router, sent } = setup();
    router.emit('ssh.replay', { sessionId: 's1', data: 'old' });
    router.emitOutput('s1', 'new \x1b[32mtext', 14);
    expect(sent).toEqual([
      ['ssh.replay', { sessionId: 's1', data: 'old' }],
      ['ssh.data', { sessionId: 's1', data: 'new \x1b[32mtext', bytes: 14 }],
    ]);
  });

  it('is not seen by emit observers (audit records sessions, not batches), while control events are', () => {
    const { router } = setup();
    const observed: string[] = [];
    router.observeEmit((event) => observed.push(event));
    router.emitOutput('s1', 'x', 1);
    router.emit('ssh.exit', { sessionId: 's1', exitCode: 0 });
    expect(observed).toEqual(['ssh.exit']);
  });

  it('refuses a batch whose values are outside the contract, and skips receivers that are gone', () => {
    const { router, sent, log } = setup();
    let alive = true;
    const late: unknown[] = [];
    router.attach({ send: (_e, p) => late.push(p), isAlive: () => alive });
    router.emitOutput('s1', 'x', 1.5);
    router.emitOutput('s1', undefined as unknown as string, 1);
    expect(sent).toEqual([]);
    expect(log.lines.some((l) => l.includes('terminal output outside the contract'))).toBe(true);
    alive = false;
    router.emitOutput('s1', 'y', 1);
    expect(late).toEqual([]);
    expect(sent).toEqual([['ssh.data', { sessionId: 's1', data: 'y', bytes: 1 }]]);
  });
});
