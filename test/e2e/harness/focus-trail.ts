/**
 * A record of where focus went in the page under test, so a keyboard walk that fails says what
 * moved focus (the element, when, and the page script that called `focus()`, if any). Test-only:
 * added to the harness page as an init script; nothing of it reaches the console's renderer bundle.
 */

/** The init script: keeps the last 40 focus moves in `window.__focusTrail`. */
export const FOCUS_TRAIL_SCRIPT = `(() => {
  const trail = [];
  Object.defineProperty(window, '__focusTrail', { value: trail });
  const describe = (el) => {
    if (!(el instanceof Element)) return String(el);
    const id = el.id ? '#' + el.id : '';
    const testId = el.getAttribute('data-testid') ? '[data-testid="' + el.getAttribute('data-testid') + '"]' : '';
    const area = el.getAttribute('data-area') ? '[data-area="' + el.getAttribute('data-area') + '"]' : '';
    return el.tagName.toLowerCase() + id + testId + area;
  };
  const note = (kind) => (event) => {
    const caller = (new Error().stack || '').split('\\n').slice(2).map((l) => l.trim()).find((l) => !l.includes('focus-trail')) || '';
    trail.push(Math.round(performance.now()) + 'ms ' + kind + ' ' + describe(event.target) + (event.relatedTarget ? ' (from/to ' + describe(event.relatedTarget) + ')' : '') + (caller ? ' ' + caller : ''));
    if (trail.length > 40) trail.shift();
  };
  document.addEventListener('focusin', note('in'), true);
  document.addEventListener('focusout', note('out'), true);
  window.addEventListener('blur', () => { trail.push(Math.round(performance.now()) + 'ms window blur'); });
  window.addEventListener('focus', () => { trail.push(Math.round(performance.now()) + 'ms window focus'); });
})();`;
