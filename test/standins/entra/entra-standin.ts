/**
 * A loopback Entra ID stand-in: what msal-node 7 calls (OpenID configuration, authorize with
 * form_post, token with authorization_code / refresh_token / device_code, device code), plus the
 * ARM `/tenants` and `/subscriptions` lists, so the console's identity code runs end to end offline.
 * Id tokens are unsigned-but-well-formed; access tokens are RS256 JWTs (v1 shape: `aud` is the
 * resource, `upn`, `oid`, `tid`, `groups`) verifiable against the JWKS at
 * `/{tenant}/discovery/v2.0/keys`; refresh tokens are opaque. Every fault the issue lists is a knob
 * on `faults`.
 */
import { createHash, randomBytes } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveArmLists } from './arm-lists';
import { TokenSigner } from './token-signer';
import { defaultDirectory, type StandInDirectory, type StandInUser } from './directory';
import { conditionalAccessRefusal, type ConditionalAccessCode } from './conditional-access';

/** What `mintAccessToken` may vary: a token a test needs that the sign-in flow would not give it. */
export interface MintOptions {
  readonly user?: StandInUser;
  readonly tenantId?: string;
  /** One resource scope, e.g. `6dae42f8-4368-4678-94ff-3960e28e3630/.default`. */
  readonly scope: string;
  /** Seconds until `exp` (negative: already expired). */
  readonly lifetimeSec?: number;
  /** Seconds from now until `nbf` (positive: not yet valid). */
  readonly notBeforeSec?: number;
}

/** The `aud` Entra puts in a token for a scope: the resource part (`<app id>` or `<uri>/`). */
export function audienceOf(scope: string): string {
  const resource = scope.endsWith('/.default') ? scope.slice(0, -'/.default'.length) : scope;
  return /^https?:\/\//.test(resource) ? `${resource}/` : resource;
}

/** Fault knobs; tests set them between calls. */
export interface EntraFaults {
  /** Next token responses fail with this OAuth error (`interaction_required`, `invalid_grant`, ...). */
  tokenError?: { error: string; description?: string; suberror?: string; status?: number; grant?: string; times?: number } | undefined;
  /** This many next token responses are HTTP 503. */
  serverErrors: number;
  /** Delay before every token / device-code answer, ms. */
  delayMs: number;
  /** The token endpoint accepts the request and never answers. */
  hang: boolean;
  /** A broken 200 answer from the token endpoint. */
  malformed?: 'not-json' | 'missing-fields' | undefined;
  /** The id token carries a nonce nobody sent. */
  wrongNonce: boolean;
  /** Seconds added to the id token's iat/nbf/exp (a server clock that is off). */
  clockSkewSec: number;
  /** Refresh tokens are rejected as expired (AADSTS700082). */
  expireRefreshTokens: boolean;
  /** The authorize step answers with this error instead of a code. */
  authorizeError?: { error: string; description: string } | undefined;
  /** Lifetime of issued access tokens. */
  accessTokenLifetimeSec: number;
  /** ARM answers the next request with a CAE claims challenge (401 insufficient_claims). */
  armClaimsChallenge: boolean;
  /** ARM's tenant and subscription lists page on to this URL (a hostile or compromised ARM sending the token elsewhere). */
  armNextLink?: string | undefined;
  /** Length of issued access tokens (real ARM JWTs run to a few KB; the default is short). */
  accessTokenChars: number;
  /** The authorize step reuses the browser's SSO session even when `prompt=login` / `max_age` ask for a fresh sign-in (a stripped parameter). */
  ignoreReauthentication: boolean;
  /** Id tokens leave out `auth_time` even when `max_age` was requested. */
  omitAuthTime: boolean;
  /** A Conditional Access policy refuses token issuance for these grants (default: sign-in and refresh) with this AADSTS code. */
  conditionalAccess?: { code: ConditionalAccessCode; grants?: readonly string[] } | undefined;
}

/** What one authorize request asked for about re-authentication. */
export interface SeenAuthorize {
  readonly prompt: string | null;
  readonly maxAge: string | null;
  /** Whether the stand-in made the user authenticate again (instead of reusing the SSO session). */
  readonly reauthenticated: boolean;
}

/** One request the stand-in saw (no secrets recorded). */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly grant?: string;
  readonly tenant?: string;
  readonly claims?: boolean;
}

interface DeviceFlow {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly tenant: string;
  readonly scopes: string[];
  readonly clientId: string;
  status: 'pending' | 'approved' | 'declined' | 'expired';
  user?: StandInUser;
}

/** What the stand-in recorded about an access token it issued. */
export interface IssuedAccessToken {
  readonly oid: string;
  readonly tenantId: string;
  readonly scopes: string[];
  readonly expiresAt: number;
}

/** When the user actively authenticated, and whether the request asked for that to be reported. */
interface AuthFacts {
  readonly authTime: number;
  readonly report: boolean;
  /** A step-up (a claims request for `amr` mfa or an `acrs` context) made the user pass MFA in this sign-in. */
  readonly mfa?: boolean;
  /** Authentication contexts the sign-in satisfied (the access token's `acrs`). */
  readonly acrs?: readonly string[];
}

/** What a step-up claims request (`{"access_token":{"amr":…,"acrs":…}}`) asks of the sign-in; none for other claims. */
function stepUpOf(claims: string | null): { mfa: boolean; acrs: string[] } {
  try {
    const token = (JSON.parse(claims ?? '{}') as { access_token?: { amr?: { values?: unknown }; acrs?: { value?: unknown; values?: unknown } } }).access_token ?? {};
    const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
    const acrs = [...list(token.acrs?.value), ...list(token.acrs?.values)];
    return { mfa: list(token.amr?.values).includes('mfa') || acrs.length > 0, acrs };
  } catch {
    return { mfa: false, acrs: [] };
  }
}

const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

/** base64url of a string or bytes. */
export function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function opaque(prefix: string): string {
  return `${prefix}.${randomBytes(24).toString('base64url')}`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Sends a JSON answer. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

function htmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The running stand-in. */
export class EntraStandIn {
  /** Fault knobs. */
  readonly faults: EntraFaults = { serverErrors: 0, delayMs: 0, hang: false, wrongNonce: false, clockSkewSec: 0, expireRefreshTokens: false, accessTokenLifetimeSec: 3600, armClaimsChallenge: false, accessTokenChars: 0, ignoreReauthentication: false, omitAuthTime: false };
  /** Authorize requests seen, oldest first. */
  readonly authorizeRequests: SeenAuthorize[] = [];
  /** Requests seen, oldest first. */
  readonly requests: SeenRequest[] = [];
  /** Step-up claims requests seen at the authorize step (each made the user pass MFA), oldest first. */
  readonly stepUps: string[] = [];
  /** Every token string issued (access, refresh, id), for secret scans. */
  readonly issuedSecrets = new Set<string>();
  /** Who the "browser session" signs in as at the authorize step. */
  browserUser: StandInUser;
  private readonly codes = new Map<string, { user: StandInUser; tenant: string; clientId: string; redirectUri: string; challenge: string; scopes: string[]; auth: AuthFacts }>();
  private readonly refreshTokens = new Map<string, { oid: string; clientId: string; auth: AuthFacts }>();
  /** The browser's SSO session: when each user last actively authenticated (epoch seconds). */
  private readonly ssoAuthTime = new Map<string, number>();
  private readonly accessTokens = new Map<string, IssuedAccessToken>();
  private readonly devices = new Map<string, DeviceFlow>();
  private readonly hanging = new Set<ServerResponse>();
  private server: https.Server | undefined;
  private port = 0;
  /** The key access tokens are signed with; its public half is served as the JWKS. */
  private readonly signer = new TokenSigner();

  /** Creates a stand-in over `directory` (default: two tenants, two users). */
  constructor(
    private readonly tls: { certPem: string; keyPem: string },
    readonly directory: StandInDirectory = defaultDirectory(),
  ) {
    this.browserUser = directory.users[0]!;
  }

  /** Origin of the authority and of ARM (`https://127.0.0.1:<port>`). */
  get origin(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** The `host:port` to list in `auth.knownAuthorities`. */
  get knownAuthority(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The `auth` configuration section that points the console at this stand-in. */
  authConfig(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { authorityHost: this.origin, knownAuthorities: [this.knownAuthority], armEndpoint: this.origin, ...extra };
  }

  /** Starts listening on 127.0.0.1 (random port). */
  async start(): Promise<this> {
    this.server = https.createServer({ cert: this.tls.certPem, key: this.tls.keyPem }, (req, res) => {
      this.route(req, res).catch((error: unknown) => json(res, 500, { error: 'server_error', error_description: String(error) }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Stops the server and drops hanging requests. */
  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Approves a pending device code as `user` (default: the browser user). */
  approveDeviceCode(userCode: string, user: StandInUser = this.browserUser): void {
    this.deviceByUserCode(userCode).status = 'approved';
    this.deviceByUserCode(userCode).user = user;
  }

  /** Declines a pending device code. */
  declineDeviceCode(userCode: string): void {
    this.deviceByUserCode(userCode).status = 'declined';
  }

  /** Expires a pending device code. */
  expireDeviceCode(userCode: string): void {
    this.deviceByUserCode(userCode).status = 'expired';
  }

  /** User codes handed out so far, newest last. */
  userCodes(): string[] {
    return [...this.devices.values()].map((d) => d.userCode);
  }

  /** Who an access token was issued to, or undefined when it is not one of ours or expired. */
  validateAccessToken(token: string): IssuedAccessToken | undefined {
    const found = this.accessTokens.get(token);
    return found && found.expiresAt > Date.now() ? found : undefined;
  }

  /** The issuer a resource server expects in this stand-in's access tokens for `tenantId` (v1 shape, like `https://sts.windows.net/<tid>/`). */
  accessTokenIssuer(tenantId: string): string {
    return `${this.origin}/${tenantId}/`;
  }

  /** JWKS URL of a tenant (what the OpenID configuration's `jwks_uri` names). */
  jwksUrl(tenantId: string): string {
    return `${this.origin}/${tenantId}/discovery/v2.0/keys`;
  }

  /** The JWKS document (the public half of the signing key), for resource servers that cannot reach this stand-in. */
  jwks(): ReturnType<TokenSigner['jwks']> {
    return this.signer.jwks();
  }

  /** Issues an access token directly (expired, not yet valid, another tenant or audience), recorded like every other. */
  mintAccessToken(options: MintOptions): string {
    const user = options.user ?? this.browserUser;
    const tenantId = options.tenantId ?? user.homeTenantId;
    return this.accessToken(user, tenantId, [options.scope], options.lifetimeSec ?? 3600, 'test-client', options.notBeforeSec ?? 0);
  }

  /** Forgets every refresh token (a revoked session). */
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  private deviceByUserCode(userCode: string): DeviceFlow {
    const found = [...this.devices.values()].find((d) => d.userCode === userCode);
    if (!found) throw new Error(`no device code ${userCode}`);
    return found;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'tenants' || parts[0] === 'subscriptions') {
      this.requests.push({ method: req.method ?? '', path: url.pathname });
      return serveArmLists(req, res, url, this);
    }
    const tenant = parts[0] ?? '';
    const rest = parts.slice(1).join('/');
    if (req.method === 'GET' && (rest === 'discovery/v2.0/keys' || rest === 'discovery/keys')) {
      this.requests.push({ method: 'GET', path: url.pathname, tenant });
      return json(res, 200, this.signer.jwks());
    }
    if (req.method === 'GET' && rest === 'v2.0/.well-known/openid-configuration') {
      this.requests.push({ method: 'GET', path: url.pathname, tenant });
      return json(res, 200, this.openIdConfiguration(tenant));
    }
    if (req.method === 'GET' && rest === 'oauth2/v2.0/authorize') {
      this.requests.push({ method: 'GET', path: url.pathname, tenant });
      return this.authorize(res, tenant, url.searchParams);
    }
    if (req.method === 'POST' && rest === 'oauth2/v2.0/devicecode') {
      const form = await readForm(req);
      this.requests.push({ method: 'POST', path: url.pathname, tenant });
      return this.deviceCode(res, tenant, form);
    }
    if (req.method === 'POST' && rest === 'oauth2/v2.0/token') {
      const form = await readForm(req);
      this.requests.push({ method: 'POST', path: url.pathname, tenant, grant: form.get('grant_type') ?? '', claims: form.has('claims') });
      return this.token(res, tenant, form);
    }
    this.requests.push({ method: req.method ?? '', path: url.pathname });
    json(res, 404, { error: 'not_found', error_description: `no route ${req.method} ${url.pathname}` });
  }

  private openIdConfiguration(tenant: string): Record<string, unknown> {
    const base = `${this.origin}/${tenant}`;
    const issuerTenant = /^[0-9a-f-]{36}$/i.test(tenant) ? tenant : '{tenantid}';
    return {
      issuer: `${this.origin}/${issuerTenant}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${this.origin}/${tenant}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      tenant_region_scope: 'WW',
      cloud_instance_name: 'microsoftonline.com',
    };
  }

  private authorize(res: ServerResponse, tenant: string, q: URLSearchParams): void {
    const redirectUri = q.get('redirect_uri') ?? '';
    const state = q.get('state') ?? '';
    const redirect = URL.canParse(redirectUri) ? new URL(redirectUri) : undefined;
    const problems = [
      q.get('response_type') !== 'code' && 'response_type must be code',
      q.get('response_mode') !== 'form_post' && 'response_mode must be form_post',
      q.get('code_challenge_method') !== 'S256' && 'PKCE S256 is required',
      !q.get('code_challenge') && 'code_challenge is missing',
      !q.get('client_id') && 'client_id is missing',
      (!redirect || redirect.protocol !== 'http:' || !['localhost', '127.0.0.1'].includes(redirect.hostname)) && 'redirect_uri must be a loopback http URL',
    ].filter(Boolean);
    if (problems.length > 0) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`AADSTS900144: ${problems.join('; ')}`);
      return;
    }
    const fields: Record<string, string> = { state };
    if (this.faults.authorizeError) {
      fields.error = this.faults.authorizeError.error;
      fields.error_description = this.faults.authorizeError.description;
    } else {
      const user = this.userFor(q.get('login_hint')) ?? this.browserUser;
      const code = opaque('code');
      const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
      const stepUp = stepUpOf(q.get('claims'));
      if (stepUp.mfa) this.stepUps.push(q.get('claims')!);
      const auth = { ...this.authenticate(user, q.get('prompt'), q.get('max_age')), ...(stepUp.mfa ? { mfa: true, acrs: stepUp.acrs } : {}) };
      this.codes.set(code, { user, tenant, clientId: q.get('client_id')!, redirectUri, challenge: q.get('code_challenge')!, scopes, auth });
      fields.code = code;
      fields.client_info = this.clientInfo(user);
    }
    const inputs = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${htmlEscape(k)}" value="${htmlEscape(v)}">`).join('');
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; script-src 'sha256-" + AUTO_SUBMIT_HASH + "'; form-action http://localhost:* http://127.0.0.1:*",
    });
    res.end(`<!doctype html><html><head><title>Working...</title></head><body><form method="post" action="${htmlEscape(redirectUri)}">${inputs}<noscript><button type="submit">Continue</button></noscript></form><script>${AUTO_SUBMIT}</script></body></html>`);
  }

  /** The SSO session: a fresh sign-in when there is none or the request demands one (`prompt=login`, an exceeded `max_age`). */
  private authenticate(user: StandInUser, prompt: string | null, maxAge: string | null): AuthFacts {
    const now = Math.floor(Date.now() / 1000);
    const last = this.ssoAuthTime.get(user.oid);
    const demanded = prompt === 'login' || (maxAge !== null && last !== undefined && now - last > Number(maxAge));
    const reauthenticated = last === undefined || (demanded && !this.faults.ignoreReauthentication);
    if (reauthenticated) this.ssoAuthTime.set(user.oid, now);
    this.authorizeRequests.push({ prompt, maxAge, reauthenticated });
    return { authTime: this.ssoAuthTime.get(user.oid)!, report: maxAge !== null };
  }

  /** Moves every SSO session `seconds` into the past (time passing without a new sign-in). */
  ageSsoSessions(seconds: number): void {
    for (const [oid, at] of this.ssoAuthTime) this.ssoAuthTime.set(oid, at - seconds);
  }

  private deviceCode(res: ServerResponse, tenant: string, form: URLSearchParams): Promise<void> | void {
    const flow: DeviceFlow = {
      deviceCode: opaque('dc'),
      userCode: randomBytes(5).toString('hex').toUpperCase().slice(0, 9),
      tenant,
      scopes: (form.get('scope') ?? '').split(' ').filter(Boolean),
      clientId: form.get('client_id') ?? '',
      status: 'pending',
    };
    this.devices.set(flow.deviceCode, flow);
    return this.later(res, () =>
      json(res, 200, {
        user_code: flow.userCode,
        device_code: flow.deviceCode,
        verification_uri: `${this.origin}/devicelogin`,
        expires_in: 900,
        interval: 1,
        message: `To sign in, use a web browser to open the page ${this.origin}/devicelogin and enter the code ${flow.userCode} to authenticate.`,
      }),
    );
  }

  private async token(res: ServerResponse, tenant: string, form: URLSearchParams): Promise<void> {
    if (this.faults.hang) {
      this.hanging.add(res);
      return;
    }
    await this.later(res, () => undefined);
    if (res.destroyed) return;
    const grant = form.get('grant_type') ?? '';
    const fault = this.faults.tokenError;
    if (fault && (!fault.grant || fault.grant === grant)) {
      if (fault.times !== undefined && --fault.times <= 0) this.faults.tokenError = undefined;
      return json(res, fault.status ?? 400, { error: fault.error, error_description: fault.description ?? `AADSTS50076: ${fault.error}`, ...(fault.suberror ? { suberror: fault.suberror } : {}), error_codes: [50076] });
    }
    const ca = this.faults.conditionalAccess;
    if (ca && (ca.grants ?? ['authorization_code', 'refresh_token', 'device_code']).includes(grant)) return json(res, 400, conditionalAccessRefusal(ca.code));
    if (this.faults.serverErrors > 0) {
      this.faults.serverErrors -= 1;
      return json(res, 503, { error: 'temporarily_unavailable', error_description: 'AADSTS90033: A transient error has occurred.' });
    }
    const clientId = form.get('client_id') ?? '';
    const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (grant === 'authorization_code') {
      const code = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      if (!code) return json(res, 400, { error: 'invalid_grant', error_description: 'AADSTS70000: The provided authorization code is invalid or has expired.' });
      const verifier = form.get('code_verifier') ?? '';
      if (b64url(createHash('sha256').update(verifier).digest()) !== code.challenge) return json(res, 400, { error: 'invalid_grant', error_description: 'AADSTS501481: The Code_Verifier does not match the code_challenge.' });
      if (code.clientId !== clientId || code.redirectUri !== form.get('redirect_uri')) return json(res, 400, { error: 'invalid_grant', error_description: 'AADSTS50148: client or redirect does not match the authorize request.' });
      return this.issue(res, code.user, this.resolveTenant(code.user, tenant), requested, clientId, code.auth);
    }
    if (grant === 'refresh_token') {
      const rt = this.refreshTokens.get(form.get('refresh_token') ?? '');
      if (!rt || this.faults.expireRefreshTokens) return json(res, 400, { error: 'invalid_grant', error_description: 'AADSTS700082: The refresh token has expired due to inactivity.', error_codes: [700082] });
      const user = this.directory.users.find((u) => u.oid === rt.oid)!;
      const target = this.resolveTenant(user, tenant);
      if (!user.tenantIds.includes(target)) return json(res, 400, { error: 'invalid_grant', error_description: `AADSTS50020: User account from identity provider does not exist in tenant ${target}.`, error_codes: [50020] });
      return this.issue(res, user, target, requested, clientId, rt.auth);
    }
    if (grant === 'device_code') {
      const flow = this.devices.get(form.get('device_code') ?? '');
      if (!flow) return json(res, 400, { error: 'invalid_grant', error_description: 'AADSTS70000: unknown device code' });
      if (flow.status === 'pending') return json(res, 400, { error: 'authorization_pending', error_description: 'AADSTS70016: OAuth 2.0 device flow error. Authorization is pending.' });
      if (flow.status === 'declined') return json(res, 400, { error: 'authorization_declined', error_description: 'AADSTS70000: The user declined the sign-in.' });
      if (flow.status === 'expired') return json(res, 400, { error: 'expired_token', error_description: 'AADSTS70020: The provided value for the input parameter device_code is expired.' });
      this.devices.delete(flow.deviceCode);
      return this.issue(res, flow.user!, this.resolveTenant(flow.user!, flow.tenant), requested, clientId, { authTime: Math.floor(Date.now() / 1000), report: false });
    }
    json(res, 400, { error: 'unsupported_grant_type', error_description: `AADSTS70003: grant ${grant} is not supported` });
  }

  private issue(res: ServerResponse, user: StandInUser, tenantId: string, requested: string[], clientId: string, auth: AuthFacts): void {
    if (this.faults.malformed === 'not-json') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Proxy login page</body></html>');
      return;
    }
    const resourceScopes = requested.filter((s) => !OIDC_SCOPES.has(s));
    const now = Math.floor(Date.now() / 1000);
    const skewed = now + this.faults.clockSkewSec;
    const idClaims: Record<string, unknown> = {
      aud: clientId,
      iss: `${this.origin}/${tenantId}/v2.0`,
      iat: skewed,
      nbf: skewed,
      exp: skewed + 3600,
      name: user.name,
      oid: user.oid,
      preferred_username: user.username,
      sub: b64url(`${user.oid}:${clientId}`).slice(0, 43),
      tid: tenantId,
      ver: '2.0',
      // OIDC Core 3.1.2.1: auth_time is REQUIRED in the id token when max_age was requested.
      ...(auth.report && !this.faults.omitAuthTime ? { auth_time: auth.authTime + this.faults.clockSkewSec } : {}),
      ...(this.faults.wrongNonce ? { nonce: 'a-nonce-nobody-sent' } : {}),
    };
    const idToken = `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(idClaims))}.`;
    const lifetime = this.faults.accessTokenLifetimeSec;
    const accessToken = this.accessToken(user, tenantId, resourceScopes, lifetime, clientId, this.faults.clockSkewSec, auth);
    const refreshToken = opaque('rt');
    this.refreshTokens.set(refreshToken, { oid: user.oid, clientId, auth });
    for (const secret of [refreshToken, idToken]) this.issuedSecrets.add(secret);
    if (this.faults.malformed === 'missing-fields') return json(res, 200, { token_type: 'Bearer', scope: resourceScopes.join(' ') });
    json(res, 200, {
      token_type: 'Bearer',
      scope: resourceScopes.join(' '),
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: accessToken,
      refresh_token: refreshToken,
      id_token: idToken,
      client_info: this.clientInfo(user),
    });
  }

  /**
   * A signed access token for the first resource scope, recorded for `validateAccessToken` and the
   * secret scans. `accessTokenChars` pads it with a claim to a realistic length.
   */
  private accessToken(user: StandInUser, tenantId: string, scopes: string[], lifetimeSec: number, clientId: string, nbfOffsetSec: number, auth?: AuthFacts): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      aud: audienceOf(scopes[0] ?? ''),
      iss: this.accessTokenIssuer(tenantId),
      iat: now,
      nbf: now + nbfOffsetSec,
      exp: now + lifetimeSec,
      appid: clientId,
      amr: auth?.mfa ? ['pwd', 'mfa'] : ['pwd'],
      ...(auth?.acrs?.length ? { acrs: auth.acrs } : {}),
      groups: user.groups ?? [],
      name: user.name,
      oid: user.oid,
      scp: 'user_impersonation',
      tid: tenantId,
      unique_name: user.username,
      upn: user.username,
      uti: randomBytes(16).toString('base64url'),
      ver: '1.0',
    };
    let token = this.signer.sign(claims);
    const pad = this.faults.accessTokenChars - token.length;
    if (pad > 0) token = this.signer.sign({ ...claims, xms_pad: randomBytes(pad).toString('base64url').slice(0, Math.ceil((pad * 3) / 4)) });
    this.accessTokens.set(token, { oid: user.oid, tenantId, scopes, expiresAt: Date.now() + lifetimeSec * 1000 });
    this.issuedSecrets.add(token);
    return token;
  }

  private resolveTenant(user: StandInUser, tenant: string): string {
    return /^[0-9a-f-]{36}$/i.test(tenant) ? tenant.toLowerCase() : user.homeTenantId;
  }

  private userFor(hint: string | null): StandInUser | undefined {
    return hint ? this.directory.users.find((u) => u.username.toLowerCase() === hint.toLowerCase()) : undefined;
  }

  private clientInfo(user: StandInUser): string {
    return b64url(JSON.stringify({ uid: user.oid, utid: user.homeTenantId }));
  }

  private later(res: ServerResponse, answer: () => void): Promise<void> {
    if (this.faults.delayMs <= 0) {
      answer();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (!res.destroyed) answer();
        resolve();
      }, this.faults.delayMs);
      res.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

const AUTO_SUBMIT = 'document.forms[0].submit();';
const AUTO_SUBMIT_HASH = createHash('sha256').update(AUTO_SUBMIT).digest('base64');
