import { useEffect, useRef } from 'react';
import { focusSoon } from '../../ui/a11y';
import type { SignInView as View } from './signin-model';

/** Where focus goes when the sign-in screen changes to `view`: the control or heading that replaced the one used. */
export const SIGNIN_FOCUS: Partial<Record<View, string>> = {
  'browser-wait': '[data-testid="signin-cancel"]',
  'device-code': '[data-testid="device-code-panel"] h2',
  'signed-in': '[data-testid="account-panel"] h2',
  'signed-out': '[data-testid="signin-browser"]',
  'needs-sign-in': '[data-testid="signin-browser"]',
};

/**
 * Sign-in replaces its own buttons (start → waiting → signed in → signed out); each change moves
 * focus to the new view's first thing, never to the page body. The first view shown keeps the
 * area heading's focus.
 */
export function useSigninFocus(view: View): void {
  const previous = useRef<View | undefined>(undefined);
  useEffect(() => {
    const before = previous.current;
    previous.current = view;
    if (before === undefined || before === 'loading' || before === view) return;
    const target = SIGNIN_FOCUS[view];
    if (target) focusSoon(target);
  }, [view]);
}
