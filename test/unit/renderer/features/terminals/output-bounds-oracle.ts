/**
 * Test oracle: the output filter as it was before its fast path (every escape sequence stepped one
 * character at a time), kept unchanged so that a property test can show the fast path writes the
 * very same output for any input, however it is split. Not used by the app.
 */
import { clampParams, csiBound, type ScreenSize } from '../../../../../src-renderer/features/terminals/csi-bounds';

/** Combining marks kept on one base character; more are dropped (xterm keeps them all, and drawing them hangs). */
const MAX_COMBINING_PER_CELL = 16;
/** A CSI sequence longer than this is dropped whole: no real one comes close (xterm keeps only 32 params). */
const MAX_CSI_LENGTH = 256;

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
function isZeroWidth(cp: number): boolean {
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

/** One terminal's output filter; keeps parser state between writes. */
export class OracleOutputBounds {
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
        const end = plainRunEnd(data, i);
        if (end > i) {
          out.push(data.slice(i, end));
          this.marks = 0;
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
