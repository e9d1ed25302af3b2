import { AREA_HEADING_SELECTOR, canFocus } from './focus';

/**
 * A safety net under every action: when the focused control is removed, hidden or disabled and
 * focus drops to the page body, focus moves to the area heading instead, so a keyboard operator is
 * never sent back to the top of the page. Actions that know a better place still name it with
 * `focusSoon`; this runs only when focus really fell. Returns the disposer.
 */
export function installFocusRescue(doc: Document = document, fallback = AREA_HEADING_SELECTOR): () => void {
  let last: Element | null = null;
  let lastInDialog = false;
  const onFocusIn = (event: FocusEvent) => {
    last = event.target instanceof Element ? event.target : null;
    lastInDialog = last?.closest('dialog, [aria-modal="true"]') != null;
  };
  const check = () => {
    // A closing dialog returns focus to its opener itself (after this check may run).
    if (!last || lastInDialog) return;
    const active = doc.activeElement;
    if (active && active !== doc.body && active !== doc.documentElement) return;
    if (canFocus(last) && last.isConnected) return;
    // Focus fell with the element; a dialog or overlay that is open owns focus itself.
    if (doc.querySelector('dialog[open], [aria-modal="true"]')) return;
    last = null;
    const target = doc.querySelector<HTMLElement>(fallback);
    if (canFocus(target)) target.focus();
  };
  const observer = new MutationObserver(() => requestAnimationFrame(check));
  observer.observe(doc.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'hidden', 'inert'] });
  // The browser may blur a control that became disabled only at its next focus fixup, after the
  // mutation was seen while it still held focus: a blur to nowhere is checked as well.
  const onFocusOut = (event: FocusEvent) => {
    if (event.relatedTarget === null) requestAnimationFrame(check);
  };
  doc.addEventListener('focusin', onFocusIn, true);
  doc.addEventListener('focusout', onFocusOut, true);
  return () => {
    observer.disconnect();
    doc.removeEventListener('focusin', onFocusIn, true);
    doc.removeEventListener('focusout', onFocusOut, true);
  };
}
