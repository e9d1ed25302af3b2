import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputBounds } from '../../../../../src-renderer/features/terminals/output-bounds';
import { OracleOutputBounds } from './output-bounds-oracle';

const screen = { cols: 80, rows: 24 };

/** Pieces that exercise every path: text, controls, SGR and counted CSI, aborted, private and long sequences, marks, surrogates, C1. */
const piece = fc.oneof(
  fc.constantFrom('a', 'hello ', ' ', '\r', '\n', '\b', '\t', '\x7f', '\x00', '\x18', '\x1a', '\x07'),
  fc.constantFrom('\x1b', '\x1b[', '[', ';', ':', '0', '9', 'm', 'H', 'S', 'b', 'r', ' ', "'", '}', '?', '>', '$'),
  fc.constantFrom('\x1b[32m', '\x1b[0m', '\x1b[1;31;48:2:1:2:3m', '\x1b[2147483647S', '\x1b[99999;99999H', '\x1b[?25l', '\x1b[5 @', '\x1b[3$p'),
  fc.constantFrom('\x1b]0;title\x07', '\x1bP1$qm\x1b\\', '\x1b_apc\x1b\\', '\x9b999S', '\x9d2;x\x07', '\x90q', '\x1b(B', '\x1b#8'),
  fc.constantFrom('\u0301', '\u0301'.repeat(20), 'e\u0301', '\u200b', '\ud83d', '\ude00', '😀', '日本', '\u00a0', '\u1160'),
  fc.integer({ min: 0, max: 300 }).map((n) => `\x1b[${'1;'.repeat(n)}m`),
);

describe('OutputBounds fast path', () => {
  it('writes exactly what the per-character filter writes, for any output split anywhere', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 8 }), (pieces, cuts) => {
        const text = pieces.join('');
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let from = 0;
        for (const p of points) {
          chunks.push(text.slice(from, p));
          from = p;
        }
        chunks.push(text.slice(from));
        const fast = new OutputBounds(() => screen);
        const oracle = new OracleOutputBounds(() => screen);
        expect(chunks.map((c) => fast.filter(c)).join('')).toBe(chunks.map((c) => oracle.filter(c)).join(''));
      }),
      { numRuns: 3000 },
    );
  });

  it('still bounds a counted sequence that follows colour changes on the same line', () => {
    const fast = new OutputBounds(() => screen);
    expect(fast.filter('\x1b[32mok\x1b[0m\r\n\x1b[2147483647S')).toBe('\x1b[32mok\x1b[0m\r\n\x1b[24S');
  });
});
