import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { announce, LiveRegions } from '../../../../../src-renderer/ui/a11y';

afterEach(() => {
  document.body.innerHTML = '';
});

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

describe('LiveRegions', () => {
  it('exist, empty, before any message, and outside #root so an inert app does not silence them', () => {
    const root = document.createElement('div');
    root.id = 'root';
    document.body.append(root);
    render(<LiveRegions />, { container: root });
    const polite = screen.getByTestId('live-polite');
    expect(polite.textContent).toBe('');
    expect(polite.getAttribute('aria-live')).toBe('polite');
    expect(screen.getByTestId('live-assertive').getAttribute('role')).toBe('alert');
    expect(root.contains(polite)).toBe(false);
  });

  it('puts each announcement in the region of its politeness, and repeats the same text as a new message', async () => {
    render(<LiveRegions />);
    await act(async () => {
      announce('Checks finished: 5 passed.');
      await frame();
    });
    expect(screen.getByTestId('live-polite').textContent).toBe('Checks finished: 5 passed.');
    expect(screen.getByTestId('live-assertive').textContent).toBe('');
    const first = screen.getByTestId('live-polite').getAttribute('data-seq');
    await act(async () => {
      announce('Checks finished: 5 passed.');
      await frame();
    });
    expect(screen.getByTestId('live-polite').getAttribute('data-seq')).not.toBe(first);
    await act(async () => {
      announce('The console locks in 30 seconds.', 'assertive');
      await frame();
    });
    expect(screen.getByTestId('live-assertive').textContent).toBe('The console locks in 30 seconds.');
  });

  it('ignores blank messages', async () => {
    render(<LiveRegions />);
    await act(async () => {
      announce('   ');
      await frame();
    });
    expect(screen.getByTestId('live-polite').getAttribute('data-seq')).toBe('0');
  });
});
