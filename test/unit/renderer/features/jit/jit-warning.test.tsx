import { act, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JitWarning } from '../../../../../src-renderer/features/jit/jit-warning';
import { initI18n } from '../../../../../src-renderer/i18n';
import { LiveRegions } from '../../../../../src-renderer/ui/a11y';

afterEach(() => {
  document.body.innerHTML = '';
});

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

async function mount(language: 'en' | 'ja', left: number | undefined, onExtend = () => undefined) {
  const i18n = await initI18n(language);
  const view = (l: number | undefined) => (
    <I18nextProvider i18n={i18n}>
      <LiveRegions />
      <JitWarning left={l} onExtend={onExtend} />
    </I18nextProvider>
  );
  const result = render(view(left));
  return { rerender: (l: number | undefined) => result.rerender(view(l)) };
}

describe('JitWarning', () => {
  it('stays hidden and silent with more than five minutes left', async () => {
    await mount('en', 1800);
    expect(screen.queryByTestId('jit-warning')).toBeNull();
    expect(screen.getByTestId('live-polite').textContent).toBe('');
  });

  it('warns once when five minutes are left, not on every tick, and offers one action to request more time', async () => {
    const onExtend = vi.fn();
    const { rerender } = await mount('en', 301, onExtend);
    act(() => rerender(300));
    await act(frame);
    expect(screen.getByTestId('jit-warning').textContent).toContain('Just-In-Time access ends in');
    expect(screen.getByTestId('live-polite').textContent).toMatch(/^Just-In-Time access ends in/);
    const seq = screen.getByTestId('live-polite').getAttribute('data-seq');
    act(() => rerender(299));
    await act(frame);
    expect(screen.getByTestId('live-polite').getAttribute('data-seq')).toBe(seq);
    fireEvent.click(screen.getByTestId('jit-extend'));
    expect(onExtend).toHaveBeenCalledOnce();
  });

  it('announces the end assertively, in Japanese too', async () => {
    const { rerender } = await mount('ja', 5);
    act(() => rerender(0));
    await act(frame);
    expect(screen.queryByTestId('jit-warning')).toBeNull();
    expect(screen.getByTestId('live-assertive').textContent).toBe('Just-In-Time アクセスは終了しました。');
  });
});
