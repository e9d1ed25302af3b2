import type { SenderPolicy } from '../ipc/router';

/**
 * Trusts only the top frame of a page served from our own origin (`app://console` in Electron,
 * the harness's loopback origin in tests). Sub-frames, other schemes and other hosts are refused.
 */
export function sameOriginMainFrame(trustedOrigin: string): SenderPolicy {
  const expected = new URL(trustedOrigin).origin;
  return (sender) => {
    if (!sender.isMainFrame) return false;
    try {
      const url = new URL(sender.url);
      // `app:` URLs have an opaque origin in WHATWG URL, so compare scheme and host explicitly.
      return `${url.protocol}//${url.host}` === expected || url.origin === expected;
    } catch {
      return false;
    }
  };
}
