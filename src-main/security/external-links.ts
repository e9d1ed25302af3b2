/** Hosts the console may open in the operator's browser (policy may narrow or extend this list). */
export const DEFAULT_EXTERNAL_HOSTS: readonly string[] = [
  'portal.azure.com',
  'shell.azure.com',
  'learn.microsoft.com',
  'aka.ms',
  'azure.microsoft.com',
  'login.microsoftonline.com',
];

/** The verdict on a link the renderer asked main to open. */
export type LinkVerdict = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Accepts only absolute `https:` URLs without credentials whose host is on the allow-list
 * (exactly, or as a subdomain of an entry). Returns the normalised URL to hand to the OS.
 */
export function checkExternalLink(raw: string, allowedHosts: readonly string[] = DEFAULT_EXTERNAL_HOSTS): LinkVerdict {
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
  const allowed = allowedHosts.some((h) => host === h || host.endsWith(`.${h}`));
  if (!allowed) return { ok: false, reason: `${host} is not on the allow-list` };
  return { ok: true, url: url.toString() };
}
