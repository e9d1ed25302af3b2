import { AppError } from '../errors';
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

/** True when `host` is a name inside one of `domains` (a whole-label suffix match: `x.bastion.azure.com`, never `evilbastion.azure.com`). */
export function isInBastionDomain(host: string, domains: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (!/^[a-z0-9.-]{1,253}$/.test(name) || name.split('.').some((label) => !label)) return false;
  return domains.some((domain) => name.endsWith(`.${domain.toLowerCase()}`));
}

/** Refuses a Bastion endpoint outside the cloud's Bastion domains: the ARM token must never be sent to it. */
export function assertBastionHost(config: Pick<BastionConfig, 'hostDomains'>, host: string, bastionName?: string): void {
  if (isInBastionDomain(host, config.hostDomains)) return;
  const shown = host.slice(0, 253);
  throw new AppError(
    'bastion.foreign_host',
    `${bastionName ? `Bastion ${bastionName} names` : 'Bastion named'} the endpoint "${shown}", which is not in this cloud's Bastion domain (${config.hostDomains.join(', ')}); nothing was sent to it.`,
  );
}

/**
 * Builds the dial target for `scheme://host/path`, applying any configured connect override. Every
 * REST call and websocket goes through here, so the Bastion domain check covers them all.
 */
export function dialTarget(config: Pick<BastionConfig, 'connectOverrides' | 'hostDomains'>, scheme: 'https' | 'wss', host: string, pathAndQuery: string): DialTarget {
  assertBastionHost(config, host);
  const logicalUrl = new URL(`${scheme}://${host}${pathAndQuery}`);
  const override = config.connectOverrides[host.toLowerCase()] ?? config.connectOverrides[host];
  const url = override ? new URL(`${scheme}://${override}${pathAndQuery}`) : logicalUrl;
  return { url, logicalUrl, servername: logicalUrl.hostname };
}
