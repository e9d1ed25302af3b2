import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { AccountInfo, AuthenticationResult, PublicClientApplication } from '@azure/msal-node';
import type { z } from 'zod';
import type { AuthAccount, AuthStatus, AuthSubscription, AuthTenant, DeviceCodePrompt, SignInMethod } from '../../ipc/contract/auth';
import { AppError } from '../errors';
import type { Logger } from '../log';
import type { JsonFile } from '../storage';
import type { CacheStorageMode, KeychainCachePlugin } from '../secrets';
import type { AuthConfig } from './auth-config';
import { needsInteraction, toAuthAppError, WrongAccountError } from './auth-errors';
import type { InteractivePath } from './broker';
import type { HttpRequester } from './msal-http';
import { createMsalClient } from './msal-client';
import type { PageLanguage } from './result-pages';
import { deviceCodeSignIn, interactiveSignIn, type FlowContext, type PendingSignIn } from './sign-in-flows';
import type { TenantDirectory } from './tenant-directory';
import { assertFreshAuthentication, FRESH_AUTH_REQUEST } from './fresh-auth';
import { ProxyRefusalMemo, withProxyReason } from './proxy-refusal';
import { stepUpRequest } from './step-up';
import { Emitter, type Event } from '../events';

/** Identity state as the renderer sees it. */
export type AuthStatusValue = z.output<typeof AuthStatus>;
/** A device-code prompt as the renderer sees it. */
export type DeviceCodePromptValue = z.output<typeof DeviceCodePrompt>;
/** The account and tenant the operator chose (identifiers only). */
export interface AuthSelection {
  homeAccountId?: string | undefined;
  tenantId?: string | undefined;
}

/** Ports and settings of the AuthService. */
export interface AuthServiceDeps {
  readonly config: AuthConfig;
  /** Keychain-backed MSAL cache (fails closed to memory only). */
  readonly cache: KeychainCachePlugin;
  /** The net stack (proxy, trust store) every authority call goes through. */
  readonly http: HttpRequester;
  /** Opens the authorize URL in the operator's browser (Electron: the allow-listed openExternal). */
  readonly openBrowser: (url: string) => Promise<void>;
  readonly directory: TenantDirectory;
  /** Broker or browser (decided asynchronously: loading the broker plugin is a dynamic import). */
  readonly interactivePath: InteractivePath | Promise<InteractivePath>;
  /** Native window handle the broker parents its prompt to. */
  readonly windowHandle?: () => Buffer | undefined;
  readonly language: () => Promise<PageLanguage>;
  readonly selection: JsonFile<AuthSelection>;
  readonly log: Logger;
}


function toAccount(a: AccountInfo): z.output<typeof AuthAccount> {
  return { homeAccountId: a.homeAccountId, username: a.username, name: a.name ?? a.username, homeTenantId: a.tenantId };
}

function scopeList(scopes: string | string[]): string[] {
  return (Array.isArray(scopes) ? scopes : [scopes]).filter((s) => s.length > 0);
}

/**
 * The operator's Entra ID identity, held in the main process only. It signs in (system browser
 * with PKCE and MSAL's loopback listener, the OS broker where available, or device code), keeps
 * MSAL's cache in the OS keychain, and is the Azure SDK `TokenCredential` of the whole console.
 *
 * How other services get it: `createConsoleCore` builds ONE `AuthService` and exposes it as
 * `core.auth`; pass it to any `@azure/arm-*` client (`new XClient(core.auth, subscriptionId, ...)`)
 * or call `auth.getToken(scope, { tenantId })` (use `auth.aksScope` for cluster credentials).
 * `getToken` never opens a browser: when a person must sign in again it throws
 * `AppError('auth.sign_in_required')` and the sign-in screen shows "needs sign-in".
 */
export class AuthService implements TokenCredential {
  private pca!: PublicClientApplication;
  private path: InteractivePath = { mode: 'browser' };
  private readonly log: Logger;
  private readonly states = new Emitter<[status: AuthStatusValue]>();
  private readonly prompts = new Emitter<[prompt: DeviceCodePromptValue]>();
  private readonly ready: Promise<void>;
  private account: AccountInfo | undefined;
  private tenantId: string | undefined;
  private state: AuthStatusValue['state'] = 'signed-out';
  private lastError: { code: string; message: string; params?: Record<string, string> } | undefined;
  private expiresOn: number | undefined;
  private pending: PendingSignIn | undefined;
  private disposed = false;
  private readonly disposeMode: () => void;
  /** MSAL's network port; it remembers a proxy's refusal, which MSAL's own error drops. */
  private readonly http: ProxyRefusalMemo;

  /** Builds MSAL over the ports; `ready` restores the last account from the keychain. */
  constructor(private readonly deps: AuthServiceDeps) {
    this.log = deps.log.child('auth');
    this.http = new ProxyRefusalMemo(deps.http);
    this.disposeMode = deps.cache.onDidChangeMode(() => this.changed());
    this.ready = this.restore().catch((error: unknown) => this.log.error('restoring the signed-in account failed', { error }));
  }

  /** Scope of ARM calls. */
  get armScope(): string {
    return this.deps.config.armScope;
  }

  /** Scope of AKS cluster credentials (the AKS AAD server application). */
  get aksScope(): string {
    return this.deps.config.aksScope;
  }

  /** Resolves once the last account has been restored from the keychain (or not). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** The current identity state; never a token. */
  async status(): Promise<AuthStatusValue> {
    await this.ready;
    return this.snapshot();
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  readonly onDidChangeState: Event<[status: AuthStatusValue]> = this.states.event;

  /** Subscribes to device-code prompts; returns the unsubscribe function. */
  readonly onDidPromptDeviceCode: Event<[prompt: DeviceCodePromptValue]> = this.prompts.event;

  /** Signs in interactively or with a device code; resolves when the operator is signed in. */
  async signIn(method: z.output<typeof SignInMethod>, options: { forceAccountPicker?: boolean | undefined } = {}): Promise<AuthStatusValue> {
    await this.ready;
    if (this.pending) throw new AppError('auth.busy', 'A sign-in is already in progress; finish or cancel it first.');
    if (method === 'deviceCode' && this.deps.config.deviceCode === 'disabled') throw new AppError('auth.device_code_disabled', 'Device code sign-in is disabled by policy.');
    this.state = 'signing-in';
    this.lastError = undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const flow = this.flowContext();
      const attempt = method === 'interactive' ? interactiveSignIn(flow, options.forceAccountPicker ? { prompt: 'select_account' } : {}) : deviceCodeSignIn(flow);
      this.changed();
      timer = setTimeout(() => void this.pending?.cancel('timeout'), this.deps.config.signInTimeoutSec * 1000);
      const result = await attempt;
      await this.adopt(result);
      return this.snapshot();
    } catch (error) {
      const appError = this.toAppError(error);
      this.state = this.account ? 'needs-sign-in' : 'signed-out';
      this.lastError = { code: appError.code, message: appError.message, ...(appError.params ? { params: appError.params } : {}) };
      this.log.info('sign-in ended without an account', { method, code: appError.code });
      this.changed();
      throw appError;
    } finally {
      clearTimeout(timer);
      this.pending = undefined;
    }
  }

  /**
   * A fresh interactive sign-in for unlocking: the authority is asked for credentials again
   * (`prompt=login`, `max_age=0`) and the id token must prove it (`auth_time`). The console's
   * account changes only when the same person signed in; anyone else's tokens are dropped from the
   * cache at once and the sign-in is refused (`WrongAccountError`), so a passer-by can neither swap
   * identities at the lock screen nor be taken for the operator.
   */
  async reauthenticate(): Promise<{ username: string; homeAccountId: string; authTime: number }> {
    await this.ready;
    if (this.pending) throw new AppError('auth.busy', 'A sign-in is already in progress; finish or cancel it first.');
    let timer: NodeJS.Timeout | undefined;
    try {
      const attempt = interactiveSignIn(this.flowContext(), FRESH_AUTH_REQUEST);
      timer = setTimeout(() => void this.pending?.cancel('timeout'), this.deps.config.signInTimeoutSec * 1000);
      const result = await attempt;
      if (!result.account) throw new AppError('auth.invalid_response', 'The sign-in service returned no account.', { params: { code: 'no_account' } });
      const sameUser = !this.account || this.account.homeAccountId === result.account.homeAccountId;
      if (!sameUser) {
        await this.pca.getTokenCache().removeAccount(result.account);
        this.log.warn('a different account signed in at the lock screen; its tokens were discarded');
        throw new WrongAccountError({ username: result.account.username, homeAccountId: result.account.homeAccountId });
      }
      const authTime = assertFreshAuthentication(result.idTokenClaims);
      await this.adopt(result);
      return { username: result.account.username, homeAccountId: result.account.homeAccountId, authTime };
    } catch (error) {
      throw this.toAppError(error);
    } finally {
      clearTimeout(timer);
      this.pending = undefined;
    }
  }

  /**
   * A step-up sign-in for a claims challenge (a PIM policy's MFA or authentication context): the
   * interactive flow (system browser or broker with PKCE, never a device code) asks for `claims`
   * as the signed-in operator, in the selected tenant. Another account's tokens are dropped; cancel()
   * stops it like any sign-in (`auth.cancelled`).
   */
  async stepUp(claims: string): Promise<void> {
    await this.ready;
    const account = this.requireAccount();
    if (this.pending) throw new AppError('auth.busy', 'A sign-in is already in progress; finish or cancel it first.');
    let timer: NodeJS.Timeout | undefined;
    try {
      const tenantId = this.tenantId ?? account.tenantId;
      const attempt = interactiveSignIn(this.flowContext(), stepUpRequest(claims, account.username, `${this.deps.config.authorityHost}/${tenantId}`));
      timer = setTimeout(() => void this.pending?.cancel('timeout'), this.deps.config.signInTimeoutSec * 1000);
      const result = await attempt;
      if (result.account?.homeAccountId !== account.homeAccountId) {
        if (result.account) await this.pca.getTokenCache().removeAccount(result.account);
        throw new WrongAccountError({ username: result.account?.username ?? '', homeAccountId: result.account?.homeAccountId ?? '' });
      }
      // The same account in the same tenant: the cache now holds the stepped-up tokens; nothing else changes.
      this.log.info('step-up sign-in completed', { tenant: tenantId });
    } catch (error) {
      throw this.toAppError(error);
    } finally {
      clearTimeout(timer);
      this.pending = undefined;
    }
  }

  /** Cancels the sign-in in progress; false when there was none. */
  async cancel(): Promise<boolean> {
    const pending = this.pending;
    if (!pending) return false;
    await pending.cancel('cancelled');
    return true;
  }

  /** Signs an account out (default: the current one): removes it from MSAL and its keychain items. */
  async signOut(homeAccountId?: string): Promise<AuthStatusValue> {
    await this.ready;
    await this.cancel();
    const cache = this.pca.getTokenCache();
    const id = homeAccountId ?? this.account?.homeAccountId;
    const account = id ? await cache.getAccountByHomeId(id) : null;
    if (account) await this.pca.signOut({ account });
    if ((await cache.getAllAccounts()).length === 0) await this.deps.cache.clear();
    if (!this.account || this.account.homeAccountId === id) {
      this.account = undefined;
      this.tenantId = undefined;
      this.expiresOn = undefined;
      this.state = 'signed-out';
    }
    this.lastError = undefined;
    await this.persistSelection();
    this.log.info('signed out', { removed: Boolean(account) });
    this.changed();
    return this.snapshot();
  }

  /** Accounts in the token cache, and which one is current. */
  async accounts(): Promise<{ accounts: Array<z.output<typeof AuthAccount>>; current?: string }> {
    await this.ready;
    const all = await this.pca.getTokenCache().getAllAccounts();
    return { accounts: all.map(toAccount), ...(this.account ? { current: this.account.homeAccountId } : {}) };
  }

  /** Makes a cached account current (silently, or "needs sign-in" when its tokens are gone). */
  async selectAccount(homeAccountId: string): Promise<AuthStatusValue> {
    await this.ready;
    const account = await this.pca.getTokenCache().getAccountByHomeId(homeAccountId);
    if (!account) throw new AppError('auth.unknown_account', 'That account is not signed in on this workstation.');
    this.account = account;
    this.tenantId = this.allowedDefaultTenant(account.tenantId);
    await this.refreshState();
    await this.persistSelection();
    return this.snapshot();
  }

  /** Tenants the current account can reach, with the policy verdict on each. */
  async tenants(): Promise<Array<z.output<typeof AuthTenant>>> {
    await this.ready;
    const home = this.requireAccount().tenantId;
    const list = await this.directory(() => this.deps.directory.listTenants(this.forTenant(home)));
    return list.map((t) => ({ ...t, allowed: this.isAllowedTenant(t.tenantId) }));
  }

  /** Subscriptions of a tenant (default: the current tenant). */
  async subscriptions(tenantId?: string): Promise<Array<z.output<typeof AuthSubscription>>> {
    await this.ready;
    const tenant = tenantId ?? this.tenantId ?? this.requireAccount().tenantId;
    this.requireAllowedTenant(tenant);
    const list = await this.directory(() => this.deps.directory.listSubscriptions(this.forTenant(tenant)));
    return list.map((s) => ({ ...s, tenantId: s.tenantId || tenant }));
  }

  /** Switches the tenant Azure calls are made in (acquires a token there silently first). */
  async selectTenant(tenantId: string): Promise<AuthStatusValue> {
    await this.ready;
    this.requireAccount();
    this.requireAllowedTenant(tenantId);
    const token = await this.getToken(this.deps.config.armScope, { tenantId });
    this.tenantId = tenantId;
    this.expiresOn = token?.expiresOnTimestamp;
    this.state = 'signed-in';
    await this.persistSelection();
    this.changed();
    return this.snapshot();
  }

  /**
   * The Azure SDK credential: a token for `scopes` in `tenantId` (default: the selected tenant),
   * silently, passing CAE claims challenges through to MSAL. Every token is CAE-capable (the client
   * declares `CP1`), so `enableCae` needs no separate cache.
   */
  async getToken(scopes: string | string[], options: GetTokenOptions = {}): Promise<AccessToken | null> {
    await this.ready;
    if (options.abortSignal?.aborted) throw new AppError('auth.aborted', 'The token request was aborted.');
    const account = this.requireAccount();
    const tenantId = options.tenantId ?? this.tenantId ?? account.tenantId;
    this.requireAllowedTenant(tenantId);
    let result: AuthenticationResult;
    try {
      result = await this.pca.acquireTokenSilent({
        // MSAL matches cached tokens by the account's tenant before the authority's.
        account: { ...account, tenantId },
        scopes: scopeList(scopes),
        authority: `${this.deps.config.authorityHost}/${tenantId}`,
        ...(options.claims ? { claims: options.claims } : {}),
      });
    } catch (error) {
      const appError = this.toAppError(error);
      if (needsInteraction(error) && this.state !== 'needs-sign-in') {
        this.state = 'needs-sign-in';
        this.lastError = { code: 'auth.sign_in_required', message: 'Your sign-in has expired or needs to be renewed. Sign in again.', ...(appError.params ? { params: appError.params } : {}) };
        this.changed();
      }
      throw appError;
    }
    if (!result.accessToken || !result.expiresOn) throw new AppError('auth.invalid_response', 'The sign-in service returned no access token.', { params: { code: 'no_access_token' } });
    if (scopeList(scopes).includes(this.deps.config.armScope) && tenantId === (this.tenantId ?? account.tenantId)) this.expiresOn = result.expiresOn.getTime();
    return {
      token: result.accessToken,
      expiresOnTimestamp: result.expiresOn.getTime(),
      ...(result.refreshOn ? { refreshAfterTimestamp: result.refreshOn.getTime() } : {}),
      tokenType: 'Bearer',
    };
  }

  /** Cancels any sign-in in progress and stops listening. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.cancel();
    this.disposeMode();
    this.states.dispose();
    this.prompts.dispose();
  }

  private flowContext(): FlowContext {
    return {
      pca: this.pca,
      config: this.deps.config,
      path: this.path,
      openBrowser: this.deps.openBrowser,
      windowHandle: this.deps.windowHandle,
      language: this.deps.language,
      setPending: (pending) => {
        this.pending = pending;
      },
      onPrompt: (prompt) => {
        this.prompts.fire(prompt);
      },
    };
  }

  private async adopt(result: AuthenticationResult): Promise<void> {
    if (!result.account) throw new AppError('auth.invalid_response', 'The sign-in service returned no account.', { params: { code: 'no_account' } });
    if (this.disposed) return;
    this.account = result.account;
    this.tenantId = this.allowedDefaultTenant(result.account.tenantId);
    this.expiresOn = result.expiresOn?.getTime();
    this.state = 'signed-in';
    this.lastError = undefined;
    await this.persistSelection();
    this.log.info('signed in', { tenant: this.tenantId, method: this.pending?.method });
    this.changed();
  }

  private async restore(): Promise<void> {
    try {
      this.path = await this.deps.interactivePath;
    } catch (error) {
      this.path = { mode: 'browser', reason: `The OS broker could not be checked: ${(error as Error).message}` };
    }
    this.pca = createMsalClient({ config: this.deps.config, cache: this.deps.cache, http: this.http, path: this.path, log: this.log });
    await this.deps.cache.probe();
    const selection = (await this.deps.selection.read()).value;
    const cache = this.pca.getTokenCache();
    const all = await cache.getAllAccounts();
    const chosen = (selection.homeAccountId ? all.find((a) => a.homeAccountId === selection.homeAccountId) : undefined) ?? (all.length === 1 ? all[0] : undefined);
    if (!chosen) return;
    this.account = chosen;
    this.tenantId = selection.tenantId && this.isAllowedTenant(selection.tenantId) ? selection.tenantId : this.allowedDefaultTenant(chosen.tenantId);
    await this.refreshState();
  }

  private async refreshState(): Promise<void> {
    this.state = 'signed-in';
    try {
      await this.getTokenUnlocked();
      this.lastError = undefined;
    } catch (error) {
      const appError = this.toAppError(error);
      this.state = appError.code === 'auth.sign_in_required' ? 'needs-sign-in' : 'signed-in';
      this.lastError = { code: appError.code, message: appError.message, ...(appError.params ? { params: appError.params } : {}) };
    }
    this.changed();
  }

  private async getTokenUnlocked(): Promise<void> {
    const account = this.requireAccount();
    const tenantId = this.tenantId ?? account.tenantId;
    const result = await this.pca.acquireTokenSilent({ account: { ...account, tenantId }, scopes: [this.deps.config.armScope], authority: `${this.deps.config.authorityHost}/${tenantId}` });
    this.expiresOn = result.expiresOn?.getTime();
  }

  /** An MSAL failure as the operator's error, naming the proxy's reason when a proxy refused the authority call. */
  private toAppError(error: unknown): AppError {
    return withProxyReason(toAuthAppError(error), this.http.refusal());
  }

  private async directory<T>(list: () => Promise<T>): Promise<T> {
    try {
      return await list();
    } catch (error) {
      const appError = toAuthAppError(error);
      if (appError.code !== 'auth.failed') throw appError;
      const status = (error as { statusCode?: number }).statusCode;
      throw new AppError('auth.directory_failed', `Azure did not list tenants or subscriptions${status ? ` (HTTP ${status})` : ''}.`, { cause: error, params: { httpStatus: status ? ` (HTTP ${status})` : '' } });
    }
  }

  private forTenant(tenantId: string): TokenCredential {
    return { getToken: (scopes, options) => this.getToken(scopes, { ...options, tenantId }) };
  }

  private requireAccount(): AccountInfo {
    if (!this.account) throw new AppError('auth.sign_in_required', 'Sign in first.');
    return this.account;
  }

  private isAllowedTenant(tenantId: string): boolean {
    const allowed = this.deps.config.allowedTenants;
    return allowed.length === 0 || allowed.some((t) => t.toLowerCase() === tenantId.toLowerCase());
  }

  private requireAllowedTenant(tenantId: string): void {
    if (!this.isAllowedTenant(tenantId)) throw new AppError('auth.tenant_not_allowed', 'Policy does not allow this tenant.');
  }

  private allowedDefaultTenant(homeTenantId: string): string | undefined {
    if (this.isAllowedTenant(homeTenantId)) return homeTenantId;
    return this.deps.config.allowedTenants[0];
  }

  private async persistSelection(): Promise<void> {
    try {
      await this.deps.selection.write({ homeAccountId: this.account?.homeAccountId, tenantId: this.tenantId });
    } catch (error) {
      this.log.warn('could not remember the selected account', { error });
    }
  }

  private storage(): AuthStatusValue['storage'] {
    const mode: CacheStorageMode = this.deps.cache.mode;
    return mode.kind === 'keychain' ? { kind: 'keychain' } : { kind: 'memory', reason: mode.reason };
  }

  private snapshot(): AuthStatusValue {
    const path = this.path;
    return {
      state: this.state,
      ...(this.pending ? { method: this.pending.method } : {}),
      ...(this.account ? { account: toAccount(this.account) } : {}),
      ...(this.tenantId ? { tenantId: this.tenantId } : {}),
      ...(this.expiresOn ? { expiresOn: this.expiresOn } : {}),
      storage: this.storage(),
      deviceCodeAllowed: this.deps.config.deviceCode === 'allowed',
      interactive: path.mode === 'broker' ? { mode: 'broker' } : { mode: 'browser', ...(path.reason ? { reason: path.reason } : {}), ...(path.blocked ? { blocked: true } : {}) },
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  private changed(): void {
    if (this.disposed) return;
    const status = this.snapshot();
    this.states.fire(status);
  }
}
