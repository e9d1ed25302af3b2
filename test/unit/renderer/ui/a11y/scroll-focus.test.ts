import { afterEach, describe, expect, it } from 'vitest';
import { keepScrollableFocusable } from '../../../../../src-renderer/ui/a11y';

afterEach(() => {
  document.body.innerHTML = '';
});

function box(scrollWidth: number, clientWidth: number): HTMLElement {
  const el = document.createElement('table');
  Object.defineProperty(el, 'scrollWidth', { configurable: true, get: () => scrollWidth });
  Object.defineProperty(el, 'clientWidth', { configurable: true, get: () => clientWidth });
  document.body.append(el);
  return el;
}

describe('keepScrollableFocusable', () => {
  it('makes an element that scrolls sideways a tab stop', () => {
    const el = box(900, 300);
    const dispose = keepScrollableFocusable(el);
    expect(el.getAttribute('tabindex')).toBe('0');
    dispose();
  });

  it('adds no tab stop to an element that fits', () => {
    const el = box(300, 300);
    const dispose = keepScrollableFocusable(el);
    expect(el.hasAttribute('tabindex')).toBe(false);
    dispose();
  });
});
