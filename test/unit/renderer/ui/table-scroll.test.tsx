import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TableScroll } from '../../../../src-renderer/ui/table-scroll';

const width = (name: 'scrollWidth' | 'clientWidth', value: number) => Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });

describe('TableScroll', () => {
  afterEach(() => {
    cleanup();
    delete (HTMLElement.prototype as { scrollWidth?: number }).scrollWidth;
    delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
  });

  it('a table wider than its frame makes the frame a named, focusable region a keyboard user can scroll', () => {
    width('scrollWidth', 900);
    width('clientWidth', 320);
    render(<TableScroll label="Audit records"><table><tbody><tr><td>x</td></tr></tbody></table></TableScroll>);
    const region = screen.getByRole('region', { name: 'Audit records' });
    expect(region.tabIndex).toBe(0);
  });

  it('a table that fits adds no tab stop and no region', () => {
    width('scrollWidth', 300);
    width('clientWidth', 320);
    const { container } = render(<TableScroll label="Audit records"><table><tbody><tr><td>x</td></tr></tbody></table></TableScroll>);
    expect(screen.queryByRole('region')).toBeNull();
    expect(container.querySelector('[tabindex]')).toBeNull();
  });
});
