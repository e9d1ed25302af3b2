import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModalDialog } from '../../../../src-renderer/ui/modal-dialog';

function Dialog({ onClose }: { onClose: () => void }) {
  return (
    <ModalDialog title="Open link?" onClose={onClose} testId="d">
      <button type="button" data-autofocus>Cancel</button>
      <button type="button">Open</button>
    </ModalDialog>
  );
}

describe('ModalDialog', () => {
  afterEach(cleanup);

  it('focuses the safe choice first', () => {
    const view = render(<Dialog onClose={() => undefined} />);
    expect(document.activeElement).toBe(view.getByText('Cancel'));
  });

  it('keeps the operator’s focus and stays open when the parent re-renders with a new onClose', () => {
    const view = render(<Dialog onClose={() => undefined} />);
    view.getByText('Open').focus();
    const latest = vi.fn();
    view.rerender(<Dialog onClose={latest} />);
    expect(document.activeElement).toBe(view.getByText('Open'));
    expect(view.getByTestId('d').hasAttribute('open')).toBe(true);
    view.getByTestId('d').dispatchEvent(new Event('cancel', { cancelable: true }));
    expect(latest).toHaveBeenCalledOnce();
  });
});
