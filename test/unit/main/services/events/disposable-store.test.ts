import { describe, expect, it } from 'vitest';
import { DisposableStore } from '../../../../../src-main/services/events';

describe('DisposableStore', () => {
  it('tears down in reverse order of creation, awaiting each step', async () => {
    const order: string[] = [];
    const store = new DisposableStore(() => undefined);
    store.add(() => void order.push('net'));
    store.add(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push('audit');
    }, () => void order.push('audit handlers'));
    store.add(() => void order.push('sessions'));
    await store.dispose();
    expect(order).toEqual(['sessions', 'audit handlers', 'audit', 'net']);
  });

  it('runs each step once, however often it is disposed', async () => {
    let runs = 0;
    const store = new DisposableStore(() => undefined);
    store.add(() => void runs++);
    await Promise.all([store.dispose(), store.dispose()]);
    await store.dispose();
    expect(runs).toBe(1);
  });

  it('goes on past a failing step and reports its error', async () => {
    const reported: unknown[] = [];
    const ran: string[] = [];
    const store = new DisposableStore((error) => reported.push(error));
    store.add(() => void ran.push('first'));
    store.add(async () => Promise.reject(new Error('stuck tunnel')));
    store.add(() => {
      throw new Error('listener gone');
    });
    store.add(() => void ran.push('last'));
    await store.dispose();
    expect(ran).toEqual(['last', 'first']);
    expect(reported.map((e) => (e as Error).message)).toEqual(['listener gone', 'stuck tunnel']);
  });

  it('refuses steps added after teardown, so nothing outlives it unnoticed', async () => {
    const store = new DisposableStore(() => undefined);
    await store.dispose();
    expect(() => store.add(() => undefined)).toThrow(/already disposed/);
  });
});
