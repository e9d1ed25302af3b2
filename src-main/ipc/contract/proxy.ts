import { z } from 'zod';
import { invoke } from './define';

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

/** Invokes of proxy authentication; the password goes to the keychain and never comes back. */
export const proxyInvokes = {
  /** Stores the credential for a proxy in the OS keychain (replacing any earlier one). */
  'proxy.saveCredential': invoke(ProxyCredentialInput, z.object({ saved: z.literal(true) })),
  /** Removes the stored credential of a proxy. */
  'proxy.forgetCredential': invoke(z.strictObject({ proxy: ProxyHostPort }), z.object({ removed: z.boolean() })),
} as const;
