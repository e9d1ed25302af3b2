import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native `<dialog>` element: the browser traps focus and makes the page
 * behind it inert; Escape closes it through `onClose`. `initialFocus` names the element
 * (by `data-autofocus`) that receives focus first, so risky choices are never the default.
 */
export function ModalDialog({
  title,
  onClose,
  children,
  tone = 'normal',
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  tone?: 'normal' | 'danger';
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // The latest onClose, without re-running the open effect: callers pass inline arrows, and a
  // re-render (terminal output, a countdown) must not close, reopen and re-focus the dialog.
  const close = useRef(onClose);
  useLayoutEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
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
