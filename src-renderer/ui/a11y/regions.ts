import { canFocus, firstFocusable } from './focus';

/**
 * The console's regions in F6 order, each with where focus lands in it. The terminal is inside
 * `main`, so F6 leaves it whatever mode it is in (the documented way out of the terminal).
 */
export const REGIONS: ReadonlyArray<{ readonly selector: string; readonly target: (region: HTMLElement) => HTMLElement | null }> = [
  { selector: '.title-bar', target: (r) => firstFocusable(r) },
  { selector: 'nav', target: (r) => r.querySelector<HTMLElement>('[aria-current="page"]') ?? firstFocusable(r) },
  { selector: 'main', target: (r) => r.querySelector<HTMLElement>('#area-title') ?? firstFocusable(r) },
  { selector: '.status-area', target: (r) => firstFocusable(r) },
];

/** Moves focus to the next (or previous) region that has somewhere to land; returns the element focused. */
export function cycleRegion(doc: Document, direction: 1 | -1): HTMLElement | null {
  const regions = REGIONS.map((r) => ({ el: doc.querySelector<HTMLElement>(r.selector), target: r.target }));
  const active = doc.activeElement;
  const current = regions.findIndex((r) => r.el && active && r.el.contains(active));
  for (let step = 1; step <= regions.length; step++) {
    const index = (((current < 0 ? (direction === 1 ? -1 : 0) : current) + direction * step) % regions.length + regions.length) % regions.length;
    const region = regions[index];
    if (!region?.el || region.el.closest('[inert]')) continue;
    const target = region.target(region.el);
    if (canFocus(target)) {
      target.focus();
      return target;
    }
  }
  return null;
}

/**
 * F6 / Shift+F6 move between regions from anywhere, including the terminal: the listener runs in
 * the capture phase on the window, before xterm's own key handling. Returns the disposer.
 */
export function installRegionKeys(win: Window = window): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'F6' || event.ctrlKey || event.altKey || event.metaKey) return;
    if (win.document.querySelector('dialog[open]')) return;
    event.preventDefault();
    event.stopPropagation();
    cycleRegion(win.document, event.shiftKey ? -1 : 1);
  };
  win.addEventListener('keydown', onKeyDown, true);
  return () => win.removeEventListener('keydown', onKeyDown, true);
}
