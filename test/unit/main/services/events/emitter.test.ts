import { describe, expect, it } from 'vitest';
import { Emitter } from '../../../../../src-main/services/events';

describe('Emitter', () => {
  it('delivers every argument to each listener in subscription order, until its disposer runs', () => {
    const heard: string[] = [];
    const emitter = new Emitter<[string, number]>();
    const offA = emitter.event((name, n) => heard.push(`a:${name}${n}`));
    emitter.event((name, n) => heard.push(`b:${name}${n}`));
    emitter.fire('x', 1);
    offA();
    offA();
    emitter.fire('y', 2);
    expect(heard).toEqual(['a:x1', 'b:x1', 'b:y2']);
  });

  it('counts the same function subscribed twice as two subscriptions', () => {
    let calls = 0;
    const emitter = new Emitter<[]>();
    const listener = () => void calls++;
    const off = emitter.event(listener);
    emitter.event(listener);
    off();
    emitter.fire();
    expect(calls).toBe(1);
  });

  it('does not call a listener disposed by an earlier one during the same fire, nor one added during it', () => {
    const heard: string[] = [];
    const emitter = new Emitter<[]>();
    let offB = () => undefined as void;
    emitter.event(() => {
      heard.push('a');
      offB();
      emitter.event(() => heard.push('late'));
    });
    offB = emitter.event(() => heard.push('b'));
    emitter.fire();
    expect(heard).toEqual(['a']);
    emitter.fire();
    expect(heard).toEqual(['a', 'a', 'late']);
  });

  it('keeps calling the other listeners past a throwing one, then throws its error to the firer', () => {
    const heard: string[] = [];
    const emitter = new Emitter<[]>();
    emitter.event(() => { throw new Error('first'); });
    emitter.event(() => { throw new Error('second'); });
    emitter.event(() => heard.push('after'));
    expect(() => emitter.fire()).toThrow('first');
    expect(heard).toEqual(['after']);
  });

  it('hands listener errors to onListenerError when given, and the firer goes on', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<[number]>((error) => errors.push(error));
    const heard: number[] = [];
    emitter.event(() => { throw new Error('boom'); });
    emitter.event((n) => heard.push(n));
    emitter.fire(7);
    expect(heard).toEqual([7]);
    expect(errors).toEqual([new Error('boom')]);
  });

  it('drops every listener on dispose', () => {
    const emitter = new Emitter<[]>();
    let calls = 0;
    emitter.event(() => void calls++);
    expect(emitter.hasListeners).toBe(true);
    emitter.dispose();
    emitter.fire();
    expect(calls).toBe(0);
    expect(emitter.hasListeners).toBe(false);
  });
});
