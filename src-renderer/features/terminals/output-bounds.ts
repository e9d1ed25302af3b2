/**
 * Bounds the work remote output can make xterm.js do. xterm.js 6 runs a control sequence's count
 * as a loop inside one synchronous parse (`ESC[2147483647S` scrolls two billion times) and keeps
 * every combining mark on its cell; both froze the whole window. This filter sits in front of
 * `terminal.write`, follows xterm's own parser states (its VT500 table: ESC, CSI, OSC, DCS,
 * SOS/PM/APC, 7- and 8-bit introducers) across chunks, and rewrites each count to what the screen
 * can show (see csi-bounds.ts) before xterm sees it. Pure: no DOM, no xterm.
 */
import { clampParams, CSI_BOUNDS, csiBound, type ScreenSize } from './csi-bounds';

/** Combining marks kept on one base character; more are dropped (xterm keeps them all, and drawing them hangs). */
export const MAX_COMBINING_PER_CELL = 16;
/** A CSI sequence longer than this is dropped whole: no real one comes close (xterm keeps only 32 params). */
export const MAX_CSI_LENGTH = 256;

type State = 'ground' | 'esc' | 'esc-int' | 'csi' | 'csi-ignore' | 'csi-drop' | 'osc' | 'sos' | 'dcs-head' | 'dcs-body';
type CsiStage = 'entry' | 'param' | 'int';

const ESC = 0x1b;
/** C0 controls xterm executes even in the middle of a sequence. */
const isExecutable = (c: number) => c <= 0x17 || c === 0x19 || (c >= 0x1c && c <= 0x1f);
const isFinal = (c: number) => c >= 0x40 && c <= 0x7e;

/** Transitions xterm takes from every state: CAN, SUB, ESC and the 8-bit C1 controls. */
function anywhere(c: number): State | undefined {
  if (c === ESC) return 'esc';
  if (c === 0x9b) return 'csi';
  if (c === 0x9d) return 'osc';
  if (c === 0x90) return 'dcs-head';
  if (c === 0x98 || c === 0x9e || c === 0x9f) return 'sos';
  if (c === 0x18 || c === 0x1a || (c >= 0x80 && c <= 0x9f)) return 'ground';
  return undefined;
}

let zeroWidthBmp: Uint8Array | undefined;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\u1160-\u11ff\ud7b0-\ud7ff]$/u;

/** Whether xterm joins this code point to the previous cell (a combining mark or another zero-width character). */
export function isZeroWidth(cp: number): boolean {
  if (cp < 0x300) return false;
  if (cp > 0xffff) return ZERO_WIDTH.test(String.fromCodePoint(cp));
  if (!zeroWidthBmp) {
    const table = new Uint8Array(0x10000);
    for (let i = 0x300; i < 0x10000; i++) if (ZERO_WIDTH.test(String.fromCharCode(i))) table[i] = 1;
    zeroWidthBmp = table;
  }
  return zeroWidthBmp[cp] === 1;
}

/** End of the run from `i` that is plain spacing text (copied through as one slice). */
function plainRunEnd(data: string, i: number): number {
  while (i < data.length) {
    const c = data.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) i++;
    else if (c >= 0xa0 && (c < 0xd800 || c > 0xdfff) && !isZeroWidth(c)) i++;
    else break;
  }
  return i;
}

/** Final bytes of the CSI functions that take a count (csi-bounds.ts); any other final passes unchanged. */
const BOUNDED_FINALS = new Set(Object.keys(CSI_BOUNDS).map((key) => key.charCodeAt(key.length - 1)));

/**
 * End of a complete `ESC [ params final` at `i` that the filter would pass unchanged (no prefix,
 * no intermediates, a final that takes no count, short enough), or `i` when there is none. Colour
 * and attribute changes (SGR, `m`) are most escape sequences in real output, and copying them
 * whole keeps the filter off its per-character path.
 */
function plainCsiEnd(data: string, i: number): number {
  if (data.charCodeAt(i) !== ESC || data.charCodeAt(i + 1) !== 0x5b) return i;
  const limit = Math.min(data.length, i + MAX_CSI_LENGTH);
  for (let j = i + 2; j < limit; j++) {
    const c = data.charCodeAt(j);
    if (c >= 0x30 && c <= 0x3b) continue;
    return c >= 0x40 && c <= 0x7e && !BOUNDED_FINALS.has(c) ? j + 1 : i;
  }
  return i;
}

/** A C0 control (or DEL) that xterm executes in ground state and that leaves combining-mark counts alone. */
const isQuietControl = (c: number) => (c < 0x20 && c !== ESC && c !== 0x18 && c !== 0x1a) || c === 0x7f;

/** One terminal's output filter; keeps parser state between writes. */
export class OutputBounds {
  private state: State = 'ground';
  private stage: CsiStage = 'entry';
  /** The escape sequence being read, held back until its final byte decides whether it is rewritten. */
  private held = '';
  private marks = 0;
  /** A high surrogate that ended the previous chunk. */
  private carry = '';

  /** `screen` is read for each sequence, so bounds follow resizes. */
  constructor(private readonly screen: () => ScreenSize) {}

  /** Returns `chunk` with every count bounded and surplus combining marks dropped. */
  filter(chunk: string): string {
    const data = this.carry + chunk;
    this.carry = '';
    const out: string[] = [];
    let i = 0;
    while (i < data.length) {
      if (this.state === 'ground') {
        const end = this.groundRunEnd(data, i);
        if (end > i) {
          out.push(data.slice(i, end));
          i = end;
          continue;
        }
      }
      const c = data.codePointAt(i)!;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 === data.length) {
        this.carry = data.slice(i);
        break;
      }
      const ch = data.slice(i, i + (c > 0xffff ? 2 : 1));
      i += ch.length;
      this.step(c, ch, out);
    }
    return out.join('');
  }

  /**
   * End of the run from `i` that passes unchanged in ground state: spacing text, quiet controls
   * (CR, LF, BS …) and unbounded CSI sequences. Spacing text ends a base character's marks.
   */
  private groundRunEnd(data: string, i: number): number {
    let end = i;
    for (;;) {
      const start = end;
      const text = plainRunEnd(data, end);
      if (text > end) {
        this.marks = 0;
        end = text;
      }
      while (end < data.length && isQuietControl(data.charCodeAt(end))) end++;
      end = plainCsiEnd(data, end);
      if (end === start) return end;
    }
  }

  private step(c: number, ch: string, out: string[]): void {
    const jump = anywhere(c);
    if (jump) {
      // An unfinished sequence is aborted: xterm never dispatches it, so it goes out as it came.
      out.push(this.held);
      this.held = '';
      this.state = jump;
      if (jump === 'esc' || jump === 'csi') {
        this.held = ch;
        this.stage = 'entry';
      } else out.push(ch);
      return;
    }
    switch (this.state) {
      case 'ground':
        return this.ground(c, ch, out);
      case 'esc':
        return this.escape(c, ch, out);
      case 'csi':
        return this.csi(c, ch, out);
      case 'csi-drop':
        if (isExecutable(c)) out.push(ch);
        else if (c >= 0xa0) this.toGround(ch, out);
        else if (isFinal(c)) this.state = 'ground';
        return;
      case 'csi-ignore':
        if (isFinal(c)) this.state = 'ground';
        break;
      case 'esc-int':
        if ((c >= 0x30 && c <= 0x7e) || c >= 0xa0) this.state = 'ground';
        break;
      case 'osc':
        if (c === 0x07) this.state = 'ground';
        break;
      case 'dcs-head':
        if (isFinal(c)) this.state = 'dcs-body';
        else if (c >= 0xa0) this.state = 'ground';
        break;
      default: // sos, dcs-body: opaque until a terminator, which `anywhere` handles
        break;
    }
    out.push(ch);
  }

  private ground(c: number, ch: string, out: string[]): void {
    if (isZeroWidth(c)) {
      if (this.marks >= MAX_COMBINING_PER_CELL) return;
      this.marks++;
    } else if (c >= 0x20 && c !== 0x7f) this.marks = 0;
    out.push(ch);
  }

  private escape(c: number, ch: string, out: string[]): void {
    if (isExecutable(c) || c === 0x7f) {
      out.push(ch);
      return;
    }
    if (c === 0x5b) {
      this.held += ch;
      this.state = 'csi';
      this.stage = 'entry';
      return;
    }
    if (c === 0x5d) this.state = 'osc';
    else if (c === 0x50) this.state = 'dcs-head';
    else if (c === 0x58 || c === 0x5e || c === 0x5f) this.state = 'sos';
    else if (c >= 0x20 && c <= 0x2f) this.state = 'esc-int';
    else this.state = 'ground';
    this.release(ch, out);
  }

  private csi(c: number, ch: string, out: string[]): void {
    if (isExecutable(c)) {
      out.push(ch); // executed on the spot by xterm, before the sequence completes: same effect first
      return;
    }
    if (c === 0x7f) return; // ignored inside CSI
    if (isFinal(c)) {
      out.push(this.dispatch(ch));
      this.held = '';
      this.state = 'ground';
      return;
    }
    if (c >= 0xa0) return this.toGround(ch, out);
    const isParam = c >= 0x30 && c <= 0x3b;
    const isPrefix = c >= 0x3c && c <= 0x3f;
    if ((isPrefix && this.stage !== 'entry') || ((isParam || isPrefix) && this.stage === 'int')) {
      this.state = 'csi-ignore'; // xterm ignores the rest and dispatches nothing
      this.release(ch, out);
      return;
    }
    this.stage = isParam || isPrefix ? 'param' : 'int';
    this.held += ch;
    if (this.held.length > MAX_CSI_LENGTH) {
      this.held = '';
      this.state = 'csi-drop';
    }
  }

  /** The held CSI with its final byte, counts bounded. */
  private dispatch(final: string): string {
    const intro = this.held.startsWith('\x1b') ? 2 : 1;
    const body = this.held.slice(intro);
    const parts = /^([<=>?]?)([0-9:;]*)([\x20-\x2f]*)$/.exec(body);
    if (!parts) return this.held + final;
    const [, prefix = '', params = '', intermediates = ''] = parts;
    const max = csiBound(prefix, intermediates, final, this.screen());
    if (max === undefined) return this.held + final;
    return this.held.slice(0, intro) + prefix + clampParams(params, max) + intermediates + final;
  }

  private toGround(ch: string, out: string[]): void {
    this.state = 'ground';
    this.release(ch, out);
  }

  /** Releases the held sequence unchanged, followed by `ch`. */
  private release(ch: string, out: string[]): void {
    out.push(this.held, ch);
    this.held = '';
  }
}

/** Longest piece handed to xterm at once: its write buffer yields to the page between pieces, never inside one. */
export const WRITE_SLICE = 16 * 1024;

/** Splits `data` into pieces of at most `size` code units, never inside a surrogate pair; at least one piece. */
export function sliceForWrite(data: string, size = WRITE_SLICE): string[] {
  const pieces: string[] = [];
  let from = 0;
  while (data.length - from > size) {
    let to = from + size;
    const last = data.charCodeAt(to - 1);
    if (last >= 0xd800 && last <= 0xdbff) to--;
    pieces.push(data.slice(from, to));
    from = to;
  }
  pieces.push(data.slice(from));
  return pieces;
}
