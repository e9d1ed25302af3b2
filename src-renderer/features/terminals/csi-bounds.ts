/**
 * The control functions of xterm.js 6.0.0 whose parameters are counts or positions, and the most
 * each may ask for: what the screen can show. Read from xterm's InputHandler; those marked "loops"
 * run their count as a loop in one synchronous parse and froze the window at counts near 2^31. The
 * rest clamp inside xterm today and are bounded here too, so a change upstream cannot reopen it.
 * No ESC or DCS function xterm.js implements takes a count (DECALN fills one screen; DECRQSS
 * answers fixed text), so only CSI needs rewriting.
 */

/** The visible grid, in cells. */
export interface ScreenSize {
  readonly cols: number;
  readonly rows: number;
}

/** xterm and VTE cap a repeat at 65535; we also cap it at one row (see `b` below). */
export const MAX_REPEAT = 65535;

type Bound = (screen: ScreenSize) => number;
const rows: Bound = (s) => s.rows;
const cols: Bound = (s) => s.cols;
const either: Bound = (s) => Math.max(s.rows, s.cols);

/** Bound per CSI function, keyed by intermediates + final byte (functions with a private prefix take no counts). */
export const CSI_BOUNDS: Readonly<Record<string, { readonly name: string; readonly bound: Bound }>> = {
  b: { name: 'REP repeat preceding character (loops)', bound: (s) => Math.min(MAX_REPEAT, s.cols) },
  S: { name: 'SU scroll up (loops)', bound: rows },
  T: { name: 'SD scroll down (loops)', bound: rows },
  L: { name: 'IL insert lines (loops)', bound: rows },
  M: { name: 'DL delete lines (loops)', bound: rows },
  I: { name: 'CHT forward tab (loops)', bound: cols },
  Z: { name: 'CBT backward tab (loops)', bound: cols },
  '@': { name: 'ICH insert characters', bound: cols },
  P: { name: 'DCH delete characters', bound: cols },
  X: { name: 'ECH erase characters', bound: cols },
  ' @': { name: 'SL scroll left', bound: cols },
  ' A': { name: 'SR scroll right', bound: cols },
  "'}": { name: 'DECIC insert columns', bound: cols },
  "'~": { name: 'DECDC delete columns', bound: cols },
  A: { name: 'CUU cursor up', bound: rows },
  B: { name: 'CUD cursor down', bound: rows },
  e: { name: 'VPR line position relative', bound: rows },
  E: { name: 'CNL cursor next line', bound: rows },
  F: { name: 'CPL cursor preceding line', bound: rows },
  d: { name: 'VPA line position absolute', bound: rows },
  C: { name: 'CUF cursor forward', bound: cols },
  D: { name: 'CUB cursor backward', bound: cols },
  a: { name: 'HPR character position relative', bound: cols },
  G: { name: 'CHA cursor character absolute', bound: cols },
  '`': { name: 'HPA character position absolute', bound: cols },
  H: { name: 'CUP cursor position', bound: either },
  f: { name: 'HVP horizontal and vertical position', bound: either },
  r: { name: 'DECSTBM scroll region', bound: either },
};

/** The bound for a dispatched CSI (`prefix` like `?`, `intermediates` like ` `), or undefined when it takes no count. */
export function csiBound(prefix: string, intermediates: string, final: string, screen: ScreenSize): number | undefined {
  if (prefix) return undefined;
  const entry = CSI_BOUNDS[intermediates + final];
  return entry ? Math.max(1, entry.bound(screen)) : undefined;
}

/** Clamps every number in a CSI parameter string (`;` params and `:` sub-params alike) to `max`. */
export function clampParams(params: string, max: number): string {
  return params.replace(/\d+/g, (digits) => (Number(digits) > max ? String(max) : digits));
}
