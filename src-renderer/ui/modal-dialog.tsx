import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { rememberFocus, type FocusTarget } from './a11y';

/**
 * A modal dialog on the native `<dialog>` element: the browser traps focus and makes the page
 * behind it inert; Escape closes it through `onClose`. `initialFocus` names the element
 * (by `data-autofocus`) that receives focus first, so risky choices are never the default.
 * On close, focus returns to where it was when the dialog opened, or to `returnFocus` when that
 * control is gone (never to the page body).
 */
export function ModalDialog({
  title,
  onClose,
  children,
  tone = 'normal',
  testId,
  returnFocus,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  tone?: 'normal' | 'danger';
  testId?: string;
  returnFocus?: FocusTarget;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // The latest onClose, without re-running the open effect: callers pass inline arrows, and a
  // re-render (terminal output, a countdown) must not close, reopen and re-focus the dialog.
  const close = useRef(onClose);
  useLayoutEffect(() => {
    close.current = onClose;
  });
  const fallback = useRef(returnFocus);
  useLayoutEffect(() => {
    fallback.current = returnFocus;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const restore = rememberFocus(dialog.ownerDocument);
    if (typeof dialog.showModal === 'function' && !dialog.open) dialog.showModal();
    else dialog.setAttribute('open', '');
    const target = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>('button, input, select, textarea');
    target?.focus();
    const onCancel = (event: Event) => {
      event.preventDefault();
      close.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open && typeof dialog.close === 'function') dialog.close();
      restore(fallback.current);
    };
  }, []);
  const titleId = `dialog-title-${testId ?? 'x'}`;
  return (
    <dialog ref={ref} className={`modal modal-${tone}`} aria-labelledby={titleId} data-testid={testId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
