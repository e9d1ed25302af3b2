import { z } from 'zod';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const HttpsOrigin = z
  .string()
  .url()
  .refine((v) => new URL(v).protocol === 'https:', 'must be an https URL')
  .transform((v) => v.replace(/\/+$/, ''));

/**
 * Identity settings (config file or enterprise policy). The defaults are the Azure public cloud;
 * tests and demo mode point `authorityHost`, `knownAuthorities` and `armEndpoint` at the stand-ins.
 */
export const AuthConfig = z.strictObject({
  /** The public client (app registration) the console signs in as. Default: Azure CLI's well-known public client. */
  clientId: z.string().regex(GUID, 'must be a GUID').default('04b07795-8ddb-461a-bbee-02f9e1bf7b46'),
  /** Origin of the Entra ID authority. */
  authorityHost: HttpsOrigin.default('https://login.microsoftonline.com'),
  /** Tenant used for the first sign-in: `organizations`, `common`, a domain or a tenant id. */
  signInTenant: z.string().regex(/^[A-Za-z0-9.-]{1,100}$/).default('organizations'),
  /** Extra authority hosts (`host[:port]`) trusted without instance discovery (sovereign or test clouds). */
  knownAuthorities: z.array(z.string().regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/)).default([]),
  /** ARM endpoint used to list tenants and subscriptions. */
  armEndpoint: HttpsOrigin.default('https://management.azure.com'),
  /** Scope for ARM calls. */
  armScope: z.string().default('https://management.azure.com/.default'),
  /** Microsoft Graph endpoint (PIM for groups); national clouds by configuration. */
  graphEndpoint: HttpsOrigin.default('https://graph.microsoft.com'),
  /** Scope for Microsoft Graph calls. */
  graphScope: z.string().default('https://graph.microsoft.com/.default'),
  /** Scope for AKS cluster credentials (the AKS AAD server application). */
  aksScope: z.string().default('6dae42f8-4368-4678-94ff-3960e28e3630/.default'),
  /** Tenants the console may work in; empty means any tenant the account can reach. */
  allowedTenants: z.array(z.string().regex(GUID)).default([]),
  /** Device code sign-in (a phishing-prone flow): policy may disable it. */
  deviceCode: z.enum(['allowed', 'disabled']).default('allowed'),
  /** OS broker (WAM on Windows): `auto` uses it when its plugin loads, `off` never, `required` refuses browser sign-in without it. */
  broker: z.enum(['auto', 'off', 'required']).default('auto'),
  /** Preferred port of MSAL's loopback listener (falls back to a random port when taken). */
  loopbackPort: z.number().int().min(1024).max(65535).optional(),
  /** How long an interactive or device-code sign-in may take before it is cancelled. */
  signInTimeoutSec: z.number().int().min(1).max(3600).default(300),
  /** Timeout of one request to the authority. */
  requestTimeoutMs: z.number().int().min(100).max(300_000).default(30_000),
  /** Service name the token cache uses in the OS keychain. */
  keychainService: z.string().min(1).max(100).default('aks-access-console'),
});

/** The parsed identity settings. */
export type AuthConfig = z.output<typeof AuthConfig>;
