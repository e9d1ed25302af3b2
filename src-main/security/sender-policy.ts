import type { SenderPolicy } from '../ipc/router';

/** `scheme://host[:port]` of a URL; WHATWG gives non-special schemes such as `app:` the opaque origin "null". */
function schemeAndHost(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/**
 * Trusts only the top frame of a page served from our own origin (`app://console` in Electron,
 * the harness's loopback origin in tests). Sub-frames, other schemes and other hosts are refused.
 */
export function sameOriginMainFrame(trustedOrigin: string): SenderPolicy {
  const expected = schemeAndHost(new URL(trustedOrigin));
  return (sender) => {
    if (!sender.isMainFrame) return false;
    try {
      const url = new URL(sender.url);
      return url.host !== '' && schemeAndHost(url) === expected;
    } catch {
      return false;
    }
  };
}
