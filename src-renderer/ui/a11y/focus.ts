/** Where focus goes when nothing better is named: the current area's heading. */
export const AREA_HEADING_SELECTOR = '#area-title';

/** A place for focus: a CSS selector, an element, or a getter read when the move happens. */
export type FocusTarget = string | HTMLElement | null | undefined | (() => HTMLElement | null | undefined);

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), summary';

function resolve(target: FocusTarget, doc: Document): HTMLElement | null {
  if (!target) return null;
  if (typeof target === 'string') return doc.querySelector<HTMLElement>(target);
  if (typeof target === 'function') return target() ?? null;
  return target;
}

/** Whether `el` can take focus now: connected, not disabled, not hidden, not inside an inert subtree. */
export function canFocus(el: Element | null | undefined): el is HTMLElement {
  if (!(el instanceof HTMLElement) || !el.isConnected) return false;
  if ((el as HTMLButtonElement).disabled) return false;
  if (el.closest('[hidden], [inert]')) return false;
  return true;
}

/** The first keyboard-focusable element inside `root`. */
export function firstFocusable(root: ParentNode): HTMLElement | null {
  for (const el of root.querySelectorAll<HTMLElement>(FOCUSABLE)) if (canFocus(el)) return el;
  return null;
}

/**
 * Moves focus to `target` once it exists: an action that replaces the focused control names where
 * focus goes next, and the element may only appear after React's next commit, so this looks again
 * for a few frames and then falls back to the area heading (never to the page body).
 */
export function focusSoon(target: FocusTarget, options: { fallback?: FocusTarget; frames?: number; doc?: Document } = {}): void {
  const doc = options.doc ?? document;
  let left = options.frames ?? 10;
  const attempt = () => {
    const el = resolve(target, doc);
    if (canFocus(el)) {
      // A heading or panel named as the target takes focus from script only, not from Tab.
      if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
      el.focus();
      return;
    }
    left -= 1;
    if (left > 0) {
      requestAnimationFrame(attempt);
      return;
    }
    const fallback = resolve(options.fallback ?? AREA_HEADING_SELECTOR, doc);
    if (canFocus(fallback)) fallback.focus();
  };
  attempt();
}

/** Whether focus is nowhere useful: on the page body, or on an element that can no longer hold it. */
export function focusIsLost(doc: Document = document): boolean {
  const active = doc.activeElement;
  return !active || active === doc.body || active === doc.documentElement || !canFocus(active) || active.closest('dialog:not([open])') !== null;
}

/**
 * Remembers what has focus now; the returned function puts it back, or on `fallback` if it is
 * gone. When something else has already taken focus by then (the action named its own target),
 * that wins.
 */
export function rememberFocus(doc: Document = document): (fallback?: FocusTarget) => void {
  const before = doc.activeElement instanceof HTMLElement && doc.activeElement !== doc.body ? doc.activeElement : null;
  // A re-render may replace the opener with an equal element: find it again by its id or test id.
  const id = before?.id;
  const testId = before?.dataset.testid;
  const again = (): HTMLElement | null =>
    id ? doc.getElementById(id) : testId ? ([...doc.querySelectorAll<HTMLElement>('[data-testid]')].find((el) => el.dataset.testid === testId) ?? null) : null;
  return (fallback) => {
    let left = 3;
    const attempt = () => {
      if (!focusIsLost(doc)) return;
      const target = canFocus(before) ? before : again();
      if (canFocus(target)) {
        target.focus();
        return;
      }
      left -= 1;
      if (left > 0) {
        requestAnimationFrame(attempt);
        return;
      }
      focusSoon(fallback ?? AREA_HEADING_SELECTOR, { frames: 1, doc });
    };
    // Inside a dialog that is closing, focus is still on its buttons: treat that as lost too.
    const active = doc.activeElement;
    if (active && active.closest('dialog') && before && !before.closest('dialog')) (active as HTMLElement).blur();
    attempt();
  };
}
