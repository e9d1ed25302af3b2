/**
 * Makes `el` a tab stop while it scrolls sideways (a wide table at 400% zoom), so a keyboard
 * operator can reach it and scroll it with the arrow keys (WCAG 2.1.1; axe's
 * scrollable-region-focusable); while it fits, it is no extra stop. Returns the disposer.
 */
export function keepScrollableFocusable(el: HTMLElement): () => void {
  const update = () => {
    const scrolls = el.scrollWidth > el.clientWidth + 1;
    if (scrolls && el.getAttribute('tabindex') !== '0') el.setAttribute('tabindex', '0');
    if (!scrolls && el.getAttribute('tabindex') === '0' && el !== el.ownerDocument.activeElement) el.removeAttribute('tabindex');
  };
  update();
  if (typeof ResizeObserver === 'undefined') return () => undefined;
  // The box changes with the window, the content with new rows: watch both.
  const observer = new ResizeObserver(update);
  observer.observe(el);
  for (const child of el.children) observer.observe(child);
  return () => observer.disconnect();
}

/** A callback ref applying `keepScrollableFocusable` to the element while it is mounted. */
export function scrollFocusRef(el: HTMLElement | null): (() => void) | undefined {
  return el ? keepScrollableFocusable(el) : undefined;
}
