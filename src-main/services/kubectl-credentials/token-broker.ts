import type { AccessToken } from '@azure/core-auth';
import type { AuditRecorder } from '../audit';
import { AppError, isAppError } from '../errors';
import type { Logger } from '../log';
import type { ContextRegistry } from './context-registry';

/** Port: AKS-scope tokens (AuthService satisfies it; tests point it at any Entra stand-in). */
export interface TokenSource {
  getToken(scopes: string, options: { tenantId: string; claims?: string }): Promise<AccessToken | null>;
}

/** Port: whether the console may hand out tokens right now. */
export interface ConsoleState {
  isLocked(): boolean;
  identity(): Promise<'signed-in' | 'signed-out' | 'needs-sign-in' | 'signing-in'>;
}

/** Who asked, as far as the channel could tell. */
export interface CallerInfo {
  readonly pid: number | null;
  readonly exe: string | null;
}

/** A token request from kubectl's credential helper. */
export interface TokenRequest {
  readonly clusterId: string;
  readonly context?: string | undefined;
  readonly claims?: string | undefined;
  readonly caller: CallerInfo;
}

/** Ports of the broker. */
export interface TokenBrokerDeps {
  readonly tokens: TokenSource;
  readonly state: ConsoleState;
  readonly registry: ContextRegistry;
  readonly audit: AuditRecorder;
  readonly log: Logger;
  /** The AKS AAD server application's scope (`6dae42f8-…/.default`). */
  readonly aksScope: string;
}

/** A CAE challenge's claims, from a `WWW-Authenticate: Bearer … error="insufficient_claims", claims="…"` header. */
export function claimsFromChallenge(header: string): string | undefined {
  if (!/error="insufficient_claims"/i.test(header)) return undefined;
  const value = /claims="([^"]+)"/i.exec(header)?.[1];
  if (!value) return undefined;
  return value.trim().startsWith('{') ? value : Buffer.from(value, 'base64').toString('utf8');
}

/**
 * Issues AKS-scope access tokens to kubectl's credential helper: only for clusters the console wrote
 * a context for, in that cluster's own tenant, never while locked or signed out. Every answer (a
 * token or a refusal) is an audit record naming the cluster, context and calling process — never the token.
 */
export class TokenBroker {
  private readonly challenges = new Map<string, string>();
  /** A challenge Resource Manager sent (a revocation for the whole session), and the clusters that have had a fresh token since. */
  private armChallenge: { claims: string; served: Set<string> } | undefined;

  /** Creates the broker over its ports. */
  constructor(private readonly deps: TokenBrokerDeps) {}

  /**
   * Remembers a CAE claims challenge the console met for a cluster, so the next token for it is asked
   * for with those claims (kubectl does not pass challenges to exec plugins; it re-runs the helper).
   */
  noteChallenge(clusterId: string, wwwAuthenticate: string): boolean {
    const claims = claimsFromChallenge(wwwAuthenticate);
    if (claims) this.challenges.set(clusterId.toLowerCase(), claims);
    return claims !== undefined;
  }

  /**
   * Remembers a CAE claims challenge Resource Manager sent: the session it revokes is the one AKS
   * tokens come from, so each cluster's next token is asked for with those claims (once per cluster).
   */
  noteArmChallenge(wwwAuthenticate: string): boolean {
    const claims = claimsFromChallenge(wwwAuthenticate);
    if (claims) this.armChallenge = { claims, served: new Set() };
    return claims !== undefined;
  }

  /** A token for the cluster, or an AppError whose message kubectl will print. */
  async issue(request: TokenRequest): Promise<{ token: string; expiresOn: number }> {
    try {
      const result = await this.tokenFor(request);
      this.record(request, 'success', { tenant: result.tenantId, expiresOn: new Date(result.expiresOn).toISOString(), claimsChallenge: result.claimsChallenge });
      return { token: result.token, expiresOn: result.expiresOn };
    } catch (error) {
      const appError = isAppError(error) ? error : new AppError('kubectl.token_failed', 'The console could not get a token for this cluster; open the console to see why.', { cause: error });
      this.record(request, appError.code === 'kubectl.token_failed' ? 'failure' : 'denied', { reason: appError.code });
      if (!isAppError(error)) this.deps.log.warn('a kubectl token request failed', { error });
      throw appError;
    }
  }

  private async tokenFor(request: TokenRequest): Promise<{ token: string; expiresOn: number; tenantId: string; claimsChallenge: boolean }> {
    if (this.deps.state.isLocked()) throw new AppError('kubectl.locked', 'AKS Access Console is locked: unlock it, then run kubectl again.');
    const identity = await this.deps.state.identity();
    if (identity === 'signed-out' || identity === 'signing-in') throw new AppError('kubectl.signed_out', 'AKS Access Console is signed out: sign in to the console, then run kubectl again.');
    if (identity === 'needs-sign-in') throw new AppError('kubectl.sign_in_required', 'AKS Access Console needs you to sign in again: sign in to the console, then run kubectl again.');
    const entry = await this.deps.registry.find(request.clusterId, request.context);
    if (!entry) {
      throw new AppError('kubectl.unknown_cluster', `AKS Access Console has not written a context${request.context ? ` named ${request.context}` : ''} for this cluster; write the kubeconfig from the console first.`, { params: { context: request.context ?? '' } });
    }
    const key = request.clusterId.toLowerCase();
    const fromArm = this.armChallenge && !this.armChallenge.served.has(key) ? this.armChallenge : undefined;
    const claims = request.claims ?? this.challenges.get(key) ?? fromArm?.claims;
    let token: AccessToken | null;
    try {
      token = await this.deps.tokens.getToken(this.deps.aksScope, { tenantId: entry.tenantId, ...(claims ? { claims } : {}) });
    } catch (error) {
      if (isAppError(error) && error.code === 'auth.sign_in_required') throw new AppError('kubectl.sign_in_required', 'AKS Access Console needs you to sign in again: sign in to the console, then run kubectl again.');
      if (isAppError(error) && error.code === 'auth.tenant_not_allowed') throw new AppError('kubectl.tenant_not_allowed', "Policy does not allow the cluster's tenant; ask your administrator.", { cause: error });
      throw error;
    }
    if (!token) throw new AppError('kubectl.token_failed', 'The sign-in service returned no token for this cluster.');
    this.challenges.delete(key);
    if (claims) this.armChallenge?.served.add(key);
    return { token: token.token, expiresOn: token.expiresOnTimestamp, tenantId: entry.tenantId, claimsChallenge: claims !== undefined };
  }

  /** `details` may override `claimsChallenge` (a success says whether any challenge's claims were used: the helper's, the cluster's or ARM's). */
  private record(request: TokenRequest, outcome: 'success' | 'denied' | 'failure', details: Record<string, string | boolean>): void {
    const event = {
      type: 'kubectl.token' as const,
      outcome,
      target: request.clusterId,
      details: { context: request.context ?? null, callerPid: request.caller.pid, callerExe: request.caller.exe, claimsChallenge: Boolean(request.claims), ...details },
    };
    void this.deps.audit.record(event).catch(() => undefined);
  }
}
