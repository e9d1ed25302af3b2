import { z } from 'zod';
import { event, invoke, NoRequest } from './define';

/** An Entra ID tenant id (a GUID). */
export const TenantId = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'not a tenant id');

/** MSAL's home account id (`<object id>.<tenant id>`); an identifier, not a secret. */
export const HomeAccountId = z.string().min(3).max(200).regex(/^[A-Za-z0-9._-]+$/, 'not an account id');

/** How the operator signs in. */
export const SignInMethod = z.enum(['interactive', 'deviceCode']);

/** A signed-in (cached) account, as the renderer may see it. */
export const AuthAccount = z.object({
  homeAccountId: z.string(),
  username: z.string(),
  name: z.string(),
  homeTenantId: z.string(),
});

/** Where tokens are kept: the OS keychain, or (fail closed) this process's memory only. */
export const TokenStorage = z.object({
  kind: z.enum(['keychain', 'memory']),
  /** Why the keychain is not used, in plain words (memory only). */
  reason: z.string().optional(),
});

/** Identity state of the console: never a token, only names, ids and expiry times. */
export const AuthStatus = z.object({
  state: z.enum(['signed-out', 'signing-in', 'signed-in', 'needs-sign-in']),
  /** The sign-in in progress (state `signing-in`). */
  method: SignInMethod.optional(),
  account: AuthAccount.optional(),
  /** The tenant Azure calls are made in. */
  tenantId: z.string().optional(),
  /** Expiry of the current ARM access token, ms since the epoch. */
  expiresOn: z.number().optional(),
  storage: TokenStorage,
  deviceCodeAllowed: z.boolean(),
  /** Interactive sign-in path: the system browser, or the OS broker (WAM). */
  interactive: z.object({ mode: z.enum(['browser', 'broker']), reason: z.string().optional(), blocked: z.boolean().optional() }),
  /** The last failure, as a code and a plain message. */
  lastError: z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.string()).optional() }).optional(),
});

/** A tenant the account can reach. */
export const AuthTenant = z.object({
  tenantId: z.string(),
  displayName: z.string(),
  defaultDomain: z.string().optional(),
  /** False when policy does not allow this tenant. */
  allowed: z.boolean(),
});

/** A subscription in a tenant. */
export const AuthSubscription = z.object({
  subscriptionId: z.string(),
  displayName: z.string(),
  state: z.string(),
  tenantId: z.string(),
});

/** The device-code prompt the operator must act on. */
export const DeviceCodePrompt = z.object({
  userCode: z.string(),
  verificationUri: z.string(),
  /** When the code stops working, ms since the epoch. */
  expiresOn: z.number(),
});

/** Invokes of the identity area. */
export const authInvokes = {
  'auth.status': invoke(NoRequest, AuthStatus),
  'auth.signIn': invoke(
    z.strictObject({ method: SignInMethod, forceAccountPicker: z.boolean().optional() }),
    AuthStatus,
  ),
  'auth.cancel': invoke(NoRequest, z.object({ cancelled: z.boolean() })),
  'auth.signOut': invoke(z.strictObject({ homeAccountId: HomeAccountId.optional() }), AuthStatus),
  'auth.accounts': invoke(NoRequest, z.object({ accounts: z.array(AuthAccount), current: z.string().optional() })),
  'auth.selectAccount': invoke(z.strictObject({ homeAccountId: HomeAccountId }), AuthStatus),
  'auth.tenants': invoke(NoRequest, z.object({ tenants: z.array(AuthTenant) })),
  'auth.subscriptions': invoke(
    z.strictObject({ tenantId: TenantId.optional() }),
    z.object({ subscriptions: z.array(AuthSubscription) }),
  ),
  'auth.selectTenant': invoke(z.strictObject({ tenantId: TenantId }), AuthStatus),
} as const;

/** Events of the identity area. */
export const authEvents = {
  'auth.state': event(AuthStatus),
  'auth.deviceCode': event(DeviceCodePrompt),
} as const;
