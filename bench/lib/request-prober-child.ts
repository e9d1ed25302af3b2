/**
 * The UI's requests in the session-process bench, from a process of their own (as the renderer's
 * invokes come from another process): one small request every 10 ms on the fork channel, each
 * timed until its answer comes back, filed under the phase the parent last named.
 */
type FromParent = { readonly op: 'res'; readonly n: number } | { readonly op: 'phase'; readonly name: string } | { readonly op: 'report' };

const INTERVAL_MS = 10;
const samples: Record<string, number[]> = {};
const sentPerPhase: Record<string, number> = {};
const pending = new Map<number, { t: number; phase: string }>();
let phase = 'start';
let n = 0;

const send = (message: unknown): void => {
  if (process.connected) process.send!(message);
};

const timer = setInterval(() => {
  n += 1;
  pending.set(n, { t: performance.now(), phase });
  sentPerPhase[phase] = (sentPerPhase[phase] ?? 0) + 1;
  send({ op: 'req', n });
}, INTERVAL_MS);

process.on('message', (message: FromParent) => {
  if (message.op === 'res') {
    const sent = pending.get(message.n);
    if (!sent) return;
    pending.delete(message.n);
    (samples[sent.phase] ??= []).push(performance.now() - sent.t);
  } else if (message.op === 'phase') {
    phase = message.name;
  } else {
    send({ op: 'report', samples, sent: sentPerPhase });
  }
});
process.on('SIGINT', () => undefined);
process.on('disconnect', () => {
  clearInterval(timer);
  process.exit(0);
});
