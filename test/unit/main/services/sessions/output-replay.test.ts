import { describe, expect, it } from 'vitest';
import { OutputReplay } from '../../../../../src-main/services/sessions/output-replay';

describe('OutputReplay', () => {
  it("keeps each session's output in order", () => {
    const replay = new OutputReplay(1000);
    replay.record('a', 'one ');
    replay.record('b', 'other');
    replay.record('a', 'two');
    expect(replay.recent('a')).toBe('one two');
    expect(replay.recent('b')).toBe('other');
    expect(replay.recent('none')).toBe('');
  });

  it('stays within its bound, starting at a line start, however much is recorded', () => {
    const replay = new OutputReplay(100);
    for (let i = 0; i < 10_000; i++) replay.record('a', `line ${i}\r\n`);
    const text = replay.recent('a');
    expect(text.length).toBeLessThanOrEqual(100);
    expect(text.startsWith('line ')).toBe(true);
    expect(text.endsWith('line 9999\r\n')).toBe(true);
  });

  it('keeps no more than its bound plus one batch between replays, and replays the same bounded tail', () => {
    const replay = new OutputReplay(1000);
    const batch = 'x'.repeat(99) + '\n';
    for (let i = 0; i < 500; i++) replay.record('a', batch);
    const held = (replay as unknown as { chunks: Map<string, { size: number }> }).chunks.get('a')!.size;
    expect(held).toBeLessThan(1000 + batch.length);
    expect(replay.recent('a')).toBe(batch.repeat(10));
  });

  it('forgets sessions that are gone', () => {
    const replay = new OutputReplay();
    replay.record('a', 'x');
    replay.record('b', 'y');
    replay.retain(['b']);
    expect(replay.recent('a')).toBe('');
    expect(replay.recent('b')).toBe('y');
  });
});
