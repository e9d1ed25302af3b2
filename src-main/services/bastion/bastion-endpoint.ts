import type { BastionConfig } from './bastion-config';

/** Where to dial for a Bastion host name, and what TLS must verify. */
export interface DialTarget {
  /** URL actually dialled (the override host:port in tests, the real host in production). */
  readonly url: URL;
  /** URL as Azure names it: proxy decisions and logs use this one. */
  readonly logicalUrl: URL;
  /** TLS server name and Host header: always the real Bastion host name. */
  readonly servername: string;
}

/** Builds the dial target for `scheme://host/path`, applying any configured connect override. */
export function dialTarget(config: Pick<BastionConfig, 'connectOverrides'>, scheme: 'https' | 'wss', host: string, pathAndQuery: string): DialTarget {
  const logicalUrl = new URL(`${scheme}://${host}${pathAndQuery}`);
  const override = config.connectOverrides[host.toLowerCase()] ?? config.connectOverrides[host];
  const url = override ? new URL(`${scheme}://${override}${pathAndQuery}`) : logicalUrl;
  return { url, logicalUrl, servername: logicalUrl.hostname };
}
