import { z } from 'zod';
import { invoke, NoRequest } from './define';

/** A proxy as the workstation check names it: `host:port` (or `host` on the scheme's default port). */
export const ProxyHostPort = z
  .string()
  .max(262)
  .regex(/^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/);

/** The user name and password the operator enters once for a proxy that asks for NTLM or Basic. */
export const ProxyCredentialInput = z.strictObject({
  proxy: ProxyHostPort,
  /** `DOMAIN\user`, `user@domain` or a plain user name. */
  username: z.string().min(1).max(256),
  password: z.string().min(1).max(1024),
});

/** The proxy in force, where it comes from, and what the console answers at a 407 (never a user name or password). */
export const EffectiveProxy = z.object({
  source: z.enum(['policy', 'settings', 'os', 'environment', 'none']),
  mode: z.enum(['direct', 'fixed', 'system']),
  proxy: z.string().max(300).nullable(),
  pacUrl: z.string().max(2048).nullable(),
  noProxy: z.array(z.string().max(300)).max(500),
  sample: z.object({ host: z.string().max(300), via: z.string().max(300) }).nullable(),
  auth: z.object({ schemes: z.array(z.enum(['negotiate', 'ntlm', 'basic'])).max(3), allowBasic: z.boolean() }),
});

/** Invokes of proxy authentication; the password goes to the keychain and never comes back. */
export const proxyInvokes = {
  /** Stores the credential for a proxy in the OS keychain (replacing any earlier one). */
  'proxy.saveCredential': invoke(ProxyCredentialInput, z.object({ saved: z.literal(true) })),
  /** Removes the stored credential of a proxy. */
  'proxy.forgetCredential': invoke(z.strictObject({ proxy: ProxyHostPort }), z.object({ removed: z.boolean() })),
  /** The proxy in force and where it comes from (settings screen). */
  'proxy.effective': invoke(NoRequest, EffectiveProxy),
} as const;
