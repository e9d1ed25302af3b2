import { describe, expect, it } from 'vitest';
import { CSI_BOUNDS, MAX_REPEAT } from '../../../../../src-renderer/features/terminals/csi-bounds';
import { MAX_COMBINING_PER_CELL, OutputBounds, sliceForWrite } from '../../../../../src-renderer/features/terminals/output-bounds';

const screen = { cols: 100, rows: 30 };
const run = (...chunks: string[]) => {
  const bounds = new OutputBounds(() => screen);
  return chunks.map((c) => bounds.filter(c)).join('');
};
const BIG = '2147483647';
const ACUTE = '\u0301';

describe('OutputBounds', () => {
  it('passes ordinary output through byte for byte', () => {
    const ordinary = [
      'plain text, 日本語, emoji \ud83d\ude80, é\r\n',
      '\x1b[1;31mred\x1b[0m \x1b[38;2;10;20;30mrgb\x1b[m',
      '\x1b[?1049h\x1b[?2004l\x1b[2J\x1b[H\x1b[10;20H\x1b[5A\x1b[3S\x1b[2b',
      '\x1b]0;title\x07\x1b]8;;https://learn.microsoft.com/\x1b\\link\x1b]8;;\x1b\\',
      '\x1bP$qm\x1b\\\x1b(B\x1b#8\x1b7\x1b8\x1bc',
    ].join('');
    expect(run(ordinary)).toBe(ordinary);
  });

  it('bounds the count of every listed CSI function to what the screen can show', () => {
    for (const [key, { bound }] of Object.entries(CSI_BOUNDS)) {
      const intermediates = key.slice(0, -1);
      const final = key.slice(-1);
      const max = Math.max(1, bound(screen));
      expect(run(`\x1b[${BIG}${intermediates}${final}`), key).toBe(`\x1b[${max}${intermediates}${final}`);
      expect(max, key).toBeLessThanOrEqual(Math.max(screen.cols, screen.rows));
    }
    expect(run('A\x1b[999999999b')).toBe(`A\x1b[${Math.min(MAX_REPEAT, screen.cols)}b`);
  });

  it('bounds every parameter and sub-parameter, the 8-bit introducer, and leading zeros', () => {
    expect(run(`\x1b[${BIG};${BIG}H`)).toBe('\x1b[100;100H');
    expect(run(`\x1b[${BIG}:7b`)).toBe('\x1b[100:7b');
    expect(run(`\u009b${BIG}S`)).toBe('\u009b30S');
    expect(run(`\x1b[000000000000000000000000099999999999999999999T`)).toBe('\x1b[30T');
  });

  it('follows resizes', () => {
    const size = { cols: 80, rows: 24 };
    const bounds = new OutputBounds(() => size);
    expect(bounds.filter(`\x1b[${BIG}S`)).toBe('\x1b[24S');
    size.rows = 50;
    expect(bounds.filter(`\x1b[${BIG}S`)).toBe('\x1b[50S');
  });

  it('keeps state across chunks, however the sequence is split', () => {
    const whole = `x\x1b[${BIG}Sy`;
    for (let cut = 0; cut <= whole.length; cut++) {
      expect(run(whole.slice(0, cut), whole.slice(cut)), `cut at ${cut}`).toBe('x\x1b[30Sy');
    }
    expect(run('\x1b', '[', '99', '99', '9', 'L')).toBe('\x1b[30L');
  });

  it('sends controls met inside a sequence first, as xterm executes them on the spot', () => {
    expect(run(`\x1b[99\n999S`)).toBe('\n\x1b[30S');
    expect(run(`\x1b\r[99999S`)).toBe('\r\x1b[30S');
  });

  it('leaves private, ignored and aborted sequences as they are (xterm dispatches no count from them)', () => {
    expect(run(`\x1b[?${BIG}S`)).toBe(`\x1b[?${BIG}S`);
    expect(run(`\x1b[1?${BIG}S`)).toBe(`\x1b[1?${BIG}S`);
    expect(run(`\x1b[${BIG}\x18S`)).toBe(`\x1b[${BIG}\x18S`);
  });

  it('treats text inside OSC, DCS and APC strings as text, and ESC as their end', () => {
    expect(run(`\x1b]0;[${BIG}S\x07`)).toBe(`\x1b]0;[${BIG}S\x07`);
    expect(run(`\x1bPq[${BIG}S\x1b\\`)).toBe(`\x1bPq[${BIG}S\x1b\\`);
    expect(run(`\x1b_[${BIG}S\x1b[${BIG}S`)).toBe(`\x1b_[${BIG}S\x1b[30S`);
  });

  it('drops an absurdly long CSI sequence whole and goes on', () => {
    expect(run(`\x1b[${'1;'.repeat(300)}S`, 'after')).toBe('after');
    expect(run(`\x1b[${'9'.repeat(100_000)}`, 'Safter')).toBe('after');
  });

  it('keeps at most MAX_COMBINING_PER_CELL marks per base character, across chunks', () => {
    const marks = ACUTE.repeat(1000);
    expect(run(`e${marks}x`)).toBe(`e${ACUTE.repeat(MAX_COMBINING_PER_CELL)}x`);
    expect(run('e', ...Array.from({ length: 100 }, () => ACUTE.repeat(10)), 'x')).toBe(`e${ACUTE.repeat(MAX_COMBINING_PER_CELL)}x`);
    // A control or sequence between the marks does not reset the count; a new base character does.
    expect(run(`e${ACUTE.repeat(12)}\x1b[m${ACUTE.repeat(12)}a${ACUTE.repeat(3)}`)).toBe(`e${ACUTE.repeat(12)}\x1b[m${ACUTE.repeat(4)}a${ACUTE.repeat(3)}`);
    // Other zero-width characters count too (zero-width joiner, variation selector, astral marks).
    expect(Array.from(run(`a${'\u200d\ufe0f\u{1d167}'.repeat(100)}`))).toHaveLength(1 + MAX_COMBINING_PER_CELL);
  });

  it('never splits a surrogate pair between chunks', () => {
    const bounds = new OutputBounds(() => screen);
    expect(bounds.filter('a\ud83d')).toBe('a');
    expect(bounds.filter('\ude80b')).toBe('\ud83d\ude80b');
  });
});

describe('sliceForWrite', () => {
  it('cuts long output into bounded pieces without splitting a surrogate pair, and keeps every character', () => {
    const text = `${'a'.repeat(9)}\ud83d\ude80${'b'.repeat(20)}`;
    const pieces = sliceForWrite(text, 10);
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((p) => p.length <= 10)).toBe(true);
    expect(pieces[0]).toBe('a'.repeat(9));
    expect(sliceForWrite('')).toEqual(['']);
  });
});
