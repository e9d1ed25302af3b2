import type { AuthenticationResult, DeviceCodeRequest, PublicClientApplication } from '@azure/msal-node';
import type { z } from 'zod';
import type { SignInMethod } from '../../ipc/contract/auth';
import { AppError } from '../errors';
import type { AuthConfig } from './auth-config';
import type { DeviceCodePromptValue } from './auth-service';
import type { InteractivePath } from './broker';
import { parseAuthorizeUrl, postLoopbackError, type PendingAuthorize } from './loopback-cancel';
import { resultPages, type PageLanguage } from './result-pages';

/** A sign-in in progress, and how to stop it. */
export interface PendingSignIn {
  readonly method: z.output<typeof SignInMethod>;
  cancel(reason: 'cancelled' | 'timeout'): Promise<void>;
}

/** What a sign-in flow needs from the AuthService. */
export interface FlowContext {
  readonly pca: PublicClientApplication;
  readonly config: AuthConfig;
  readonly path: InteractivePath;
  readonly openBrowser: (url: string) => Promise<void>;
  readonly windowHandle?: (() => Buffer | undefined) | undefined;
  readonly language: () => Promise<PageLanguage>;
  /** Registers the flow's cancel handle before anything can wait on it. */
  setPending(pending: PendingSignIn): void;
  onPrompt(prompt: DeviceCodePromptValue): void;
}

/** How an interactive sign-in asks the authority to treat an existing session. */
export interface InteractiveRequest {
  /** `select_account` shows the account picker; `login` demands credentials again. */
  readonly prompt?: 'select_account' | 'login' | undefined;
  /** OIDC `max_age`: the longest acceptable time since the last active sign-in; the id token then reports `auth_time`. */
  readonly maxAgeSeconds?: number | undefined;
  /** A claims request (a step-up: `acrs`, `amr`) the issued tokens must satisfy. */
  readonly claims?: string | undefined;
  /** The account expected to sign in (a step-up is for the signed-in operator). */
  readonly loginHint?: string | undefined;
  /** The tenant's authority the tokens are for (default: the configured one). */
  readonly authority?: string | undefined;
}

/** Browser (or broker) sign-in with PKCE and MSAL's loopback listener; cancellable through the listener. */
export async function interactiveSignIn(ctx: FlowContext, request: InteractiveRequest = {}): Promise<AuthenticationResult> {
  if (ctx.path.mode === 'browser' && ctx.path.blocked) throw new AppError('auth.broker_required', ctx.path.reason ?? 'Policy requires the OS broker for interactive sign-in.');
  let authorize: PendingAuthorize | undefined;
  let cancelled: 'cancelled' | 'timeout' | undefined;
  ctx.setPending({
    method: 'interactive',
    cancel: async (reason) => {
      cancelled = reason;
      if (authorize) await postLoopbackError(authorize, 'access_denied', `sign-in ${reason}`);
    },
  });
  const pages = resultPages(await ctx.language());
  const authorityHost = new URL(ctx.config.authorityHost).host;
  try {
    return await ctx.pca.acquireTokenInteractive({
      scopes: [ctx.config.armScope],
      ...pages,
      ...(ctx.config.loopbackPort ? { preferredPort: ctx.config.loopbackPort } : {}),
      ...(request.prompt ? { prompt: request.prompt } : {}),
      ...(request.maxAgeSeconds !== undefined ? { extraQueryParameters: { max_age: String(request.maxAgeSeconds) } } : {}),
      ...(request.claims ? { claims: request.claims } : {}),
      ...(request.loginHint ? { loginHint: request.loginHint } : {}),
      ...(request.authority ? { authority: request.authority } : {}),
      ...(ctx.path.mode === 'broker' ? { windowHandle: ctx.windowHandle?.() } : {}),
      openBrowser: async (url) => {
        const target = new URL(url);
        if (target.protocol !== 'https:' || target.host !== authorityHost) throw new AppError('auth.refused_url', 'The sign-in page is not on the configured authority; it was not opened.');
        authorize = parseAuthorizeUrl(url);
        if (cancelled && authorize) {
          await postLoopbackError(authorize, 'access_denied', `sign-in ${cancelled}`);
          return;
        }
        await ctx.openBrowser(url);
      },
    });
  } catch (error) {
    if (cancelled === 'timeout') throw new AppError('auth.timeout', 'Sign-in took too long and was stopped. Try again.', { cause: error });
    if (cancelled) throw new AppError('auth.cancelled', 'Sign-in was cancelled.', { cause: error });
    throw error;
  }
}

/** Device code sign-in: the prompt goes to `onPrompt`; cancel stops the wait at once and MSAL's polling soon after. */
export function deviceCodeSignIn(ctx: FlowContext): Promise<AuthenticationResult> {
  let cancelled: 'cancelled' | 'timeout' | undefined;
  let stop: ((reason: AppError) => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  const request: DeviceCodeRequest = {
    scopes: [ctx.config.armScope],
    timeout: ctx.config.signInTimeoutSec,
    deviceCodeCallback: (response) => {
      if (cancelled) return;
      const prompt = { userCode: response.userCode, verificationUri: response.verificationUri, expiresOn: Date.now() + response.expiresIn * 1000 };
      ctx.onPrompt(prompt);
    },
  };
  ctx.setPending({
    method: 'deviceCode',
    cancel: async (reason) => {
      cancelled = reason;
      request.cancel = true;
      stop?.(reason === 'timeout' ? new AppError('auth.timeout', 'Sign-in took too long and was stopped. Try again.') : new AppError('auth.cancelled', 'Sign-in was cancelled.'));
    },
  });
  const flow = ctx.pca.acquireTokenByDeviceCode(request).then((r) => {
    if (!r) throw new AppError('auth.failed', 'Device code sign-in returned nothing.', { params: { code: 'no_result', aadsts: '' } });
    return r;
  });
  flow.catch(() => undefined);
  return Promise.race([flow, stopped]);
}
