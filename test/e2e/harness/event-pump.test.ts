import { describe, expect, it } from 'vitest';
import { EventPump, type PumpedEvent } from './event-pump';

/** A delivery whose batches complete only when the test says so. */
function controlledDelivery() {
  const batches: PumpedEvent[][] = [];
  const pending: Array<() => void> = [];
  const deliver = (batch: readonly PumpedEvent[]) => {
    batches.push([...batch]);
    return new Promise<void>((resolve) => pending.push(resolve));
  };
  const completeOne = async () => {
    pending.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { batches, deliver, completeOne, inFlight: () => pending.length };
}

describe('EventPump (the harness event transport)', () => {
  it('sends the first events at once, queues the rest while two are in flight, and sends the queue as one batch, in order', async () => {
    const d = controlledDelivery();
    const pump = new EventPump(d.deliver, 2);
    for (let i = 0; i < 6; i++) pump.send('ssh.data', i);
    expect(d.batches.map((b) => b.map(([, p]) => p))).toEqual([[0], [1]]);
    expect(d.inFlight()).toBe(2);
    await d.completeOne();
    expect(d.batches.map((b) => b.map(([, p]) => p))).toEqual([[0], [1], [2, 3, 4, 5]]);
    while (d.inFlight() > 0) await d.completeOne();
    await pump.idle();
    expect(d.batches.flat().map(([, p]) => p)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('goes on after a failed delivery (a closed page) and reports idle', async () => {
    let calls = 0;
    const pump = new EventPump(() => (++calls === 1 ? Promise.reject(new Error('page closed')) : Promise.resolve()), 1);
    pump.send('a', 1);
    pump.send('b', 2);
    await pump.idle();
    expect(calls).toBe(2);
  });
  it('cuts a long queue into batches of about maxBatchChars of terminal text, keeping order', async () => {
    const d = controlledDelivery();
    const pump = new EventPump(d.deliver, 1, 10);
    for (let i = 0; i < 5; i++) pump.send('ssh.data', { data: 'x'.repeat(4), n: i });
    while (d.inFlight() > 0) await d.completeOne();
    expect(d.batches.map((b) => b.map(([, p]) => (p as { n: number }).n))).toEqual([[0], [1, 2], [3, 4]]);
  });
  it('deliveredUpTo resolves only after every earlier event was delivered (an answer never overtakes an event)', async () => {
    const d = controlledDelivery();
    const pump = new EventPump(d.deliver, 1);
    pump.send('ssh.data', 1);
    pump.send('ssh.state', 2);
    const mark = pump.mark();
    pump.send('ssh.data', 3);
    let answered = false;
    const answer = pump.deliveredUpTo(mark).then(() => (answered = true));
    expect(d.batches.map((b) => b.map(([, p]) => p))).toEqual([[1]]);
    await d.completeOne();
    expect(answered).toBe(false);
    expect(d.batches.map((b) => b.map(([, p]) => p))).toEqual([[1], [2, 3]]);
    await d.completeOne();
    await answer;
    expect(answered).toBe(true);
  });
});
