/** Hosts the console may open in the operator's browser (policy may narrow or extend this list). */
export const DEFAULT_EXTERNAL_HOSTS: readonly string[] = [
  'portal.azure.com',
  'shell.azure.com',
  'learn.microsoft.com',
  'aka.ms',
  'azure.microsoft.com',
];

/**
 * Entra ID (and Microsoft account) sign-in hosts of every Azure cloud. A link never opens one of
 * them, whatever the allow-list says: an authorize or logout URL with a foreign `redirect_uri` turns
 * a trusted host into a redirector, and printed output is attacker text. Sign-in itself reaches the
 * authority through the auth service's own browser port, not through links.
 */
export const SIGN_IN_HOSTS: readonly string[] = [
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.partner.microsoftonline.cn',
  'login.chinacloudapi.cn',
  'login.windows.net',
  'login.microsoft.com',
  'login.live.com',
];

/** The sign-in hosts links must never open: the known ones plus the configured authority's. */
export function signInHostsFor(authorityHost: string): readonly string[] {
  return [...SIGN_IN_HOSTS, new URL(authorityHost).hostname.toLowerCase()];
}

const matches = (host: string, entry: string) => host === entry || host.endsWith(`.${entry}`);

/** The verdict on a link the renderer asked main to open. */
export type LinkVerdict = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Accepts only absolute `https:` URLs without credentials whose host is on the allow-list
 * (exactly, or as a subdomain of an entry) and is no sign-in host. Returns the normalised URL to
 * hand to the OS.
 */
export function checkExternalLink(
  raw: string,
  allowedHosts: readonly string[] = DEFAULT_EXTERNAL_HOSTS,
  signInHosts: readonly string[] = SIGN_IN_HOSTS,
): LinkVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `scheme ${url.protocol} is not allowed` };
  if (url.username || url.password) return { ok: false, reason: 'URLs with credentials are not allowed' };
  if (url.port && url.port !== '443') return { ok: false, reason: 'non-standard ports are not allowed' };
  const host = url.hostname.toLowerCase();
  if (signInHosts.some((h) => matches(host, h))) return { ok: false, reason: 'sign-in endpoints are never opened from links' };
  const allowed = allowedHosts.some((h) => matches(host, h));
  if (!allowed) return { ok: false, reason: `${host} is not on the allow-list` };
  return { ok: true, url: url.toString() };
}
