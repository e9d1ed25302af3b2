/** One `Proxy-Authenticate` challenge: the scheme (lower case) and its token or parameters, if any. */
export interface ProxyChallenge {
  readonly scheme: string;
  readonly data: string;
}

/**
 * Reads the `Proxy-Authenticate` headers of a 407. Node joins repeated headers with `, ` and a
 * Basic challenge carries `realm="a, b"`, so a new challenge starts only where a comma is followed by
 * a bare token that is not a `name=` parameter.
 */
export function parseProxyAuthenticate(values: readonly string[]): ProxyChallenge[] {
  const out: ProxyChallenge[] = [];
  for (const value of values) {
    const parts = value.match(/(?:"(?:[^"\\]|\\.)*"|[^,])+/g) ?? [];
    for (const raw of parts) {
      const part = raw.trim();
      if (!part) continue;
      const head = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)(?:\s+(.*))?$/s.exec(part);
      const startsChallenge = head && !/^[^\s=]+\s*=/.test(part);
      if (startsChallenge) out.push({ scheme: head[1]!.toLowerCase(), data: (head[2] ?? '').trim() });
      else if (out.length > 0) {
        const last = out.pop()!;
        out.push({ scheme: last.scheme, data: last.data ? `${last.data}, ${part}` : part });
      }
    }
  }
  return out;
}
