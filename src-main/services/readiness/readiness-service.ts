import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { ReadinessCheckId, ReadinessReport, ReadinessResult } from '../../ipc/contract/readiness';
import type { Logger } from '../log';
import type { NetRequest, NetResponse, ProxyDecision } from '../net';
import type { SecretStoreKind, SecretStore } from '../secrets';
import { classifyEndpointFailure, proxyAuthDiagnosis, safeDetail } from './endpoint-failure';

type Result = z.output<typeof ReadinessResult>;
type Report = z.output<typeof ReadinessReport>;
type EndpointId = Extract<z.output<typeof ReadinessCheckId>, 'entra' | 'arm' | 'egress-ip' | 'audit-forwarding'>;

/** An endpoint the console needs; `url: null` means not configured on this workstation. */
export interface ReadinessEndpoint {
  readonly id: EndpointId;
  readonly url: string | null;
  /** Statuses that prove the service answered (any status proves reachability; these are "as expected"). */
  readonly expect: readonly number[];
}

/** The slice of NetStack the check uses: the same proxy and trust store as every client. */
export interface ReadinessNet {
  route(url: string): Promise<ProxyDecision>;
  request(url: string, init?: NetRequest): Promise<NetResponse>;
}

/** Ports of the workstation check. */
export interface ReadinessDeps {
  readonly endpoints: () => readonly ReadinessEndpoint[];
  readonly net: ReadinessNet;
  readonly keychain: SecretStore;
  /** Which store holds secrets (the keychain, or the OS-encrypted file where Windows refuses it). */
  readonly keychainKind?: () => SecretStoreKind;
  readonly log: Logger;
  readonly timeoutMs?: number;
  /** Clock skew beyond this is a warning (tokens, JIT end times and audit times all depend on it). */
  readonly maxSkewSeconds?: number;
  readonly now?: () => number;
}

const PROBE_ACCOUNT = 'readiness-probe';

function blank(id: Result['id']): Omit<Result, 'status' | 'code'> {
  return { id, host: null, via: null, httpStatus: null, elapsedMs: null, skewSeconds: null, detail: null };
}

/** `direct`, or the proxy's host:port (its user info is never shown). */
function describeRoute(route: ProxyDecision): string {
  return route.kind === 'direct' ? 'direct' : route.proxyUrl.host;
}

/**
 * Checks, before the first connection, that this PAW can do what the console needs: reach Entra ID,
 * ARM and the other configured endpoints through its proxy and trust store, keep a secret in the OS
 * keychain, and agree with Entra's clock. Read-only apart from one keychain probe it removes again.
 */
export class ReadinessService {
  private readonly now: () => number;

  /** Wires the check to its ports. */
  constructor(private readonly deps: ReadinessDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Runs every check at once and reports them in a fixed order. */
  async run(): Promise<Report> {
    const endpoints = this.deps.endpoints();
    const probed = await Promise.all(endpoints.map((e) => this.endpoint(e)));
    const entra = probed.find((p) => p.result.id === 'entra');
    const results = [...probed.map((p) => p.result), this.clock(entra?.date ?? null, entra?.midpoint ?? null), await this.keychain()];
    this.deps.log.info('workstation check', { results: results.map((r) => `${r.id}:${r.status}`).join(' ') });
    return { checkedAt: new Date(this.now()).toISOString(), results };
  }

  private async endpoint(endpoint: ReadinessEndpoint): Promise<{ result: Result; date: string | null; midpoint: number | null }> {
    if (!endpoint.url) return { result: { ...blank(endpoint.id), status: 'skip', code: 'not-configured' }, date: null, midpoint: null };
    const host = new URL(endpoint.url).host;
    let via: string | null = null;
    const started = this.now();
    try {
      const route = await this.deps.net.route(endpoint.url);
      via = describeRoute(route);
      const response = await this.deps.net.request(endpoint.url, { method: 'GET', timeoutMs: this.deps.timeoutMs ?? 10_000 });
      const elapsedMs = Math.max(0, Math.round(this.now() - started));
      const expected = endpoint.expect.includes(response.status);
      const result: Result = { ...blank(endpoint.id), host, via, httpStatus: response.status, elapsedMs, status: expected ? 'pass' : 'warn', code: expected ? 'reachable' : 'unexpected-status' };
      return { result, date: response.headers.date ?? null, midpoint: started + elapsedMs / 2 };
    } catch (error) {
      const code = classifyEndpointFailure(error, via !== null && via !== 'direct');
      const elapsedMs = Math.max(0, Math.round(this.now() - started));
      const proxyAuth = proxyAuthDiagnosis(error);
      const result: Result = { ...blank(endpoint.id), host, via, elapsedMs, status: 'fail', code, detail: safeDetail(error), ...(proxyAuth ? { proxyAuth } : {}) };
      return { result, date: null, midpoint: null };
    }
  }

  /** Local clock against the authority's `Date` header, taken at the middle of the round trip. */
  private clock(date: string | null, midpoint: number | null): Result {
    const remote = date ? Date.parse(date) : Number.NaN;
    if (Number.isNaN(remote) || midpoint === null) return { ...blank('clock'), status: 'skip', code: 'clock-unknown' };
    // HTTP dates have one-second resolution: round to whole seconds, then allow the policy's margin.
    const skewSeconds = Math.round((midpoint - remote) / 1000);
    const skewed = Math.abs(skewSeconds) > (this.deps.maxSkewSeconds ?? 300);
    return { ...blank('clock'), skewSeconds, status: skewed ? 'warn' : 'pass', code: skewed ? 'clock-skewed' : 'clock-ok' };
  }

  /** Writes, reads back and removes a random value under the console's keychain service. */
  private async keychain(): Promise<Result> {
    const value = randomBytes(12).toString('hex');
    try {
      await this.deps.keychain.set(PROBE_ACCOUNT, value);
      const read = await this.deps.keychain.get(PROBE_ACCOUNT);
      await this.deps.keychain.delete(PROBE_ACCOUNT);
      if (read !== value) return { ...blank('keychain'), status: 'fail', code: 'keychain-unavailable', detail: 'the keychain did not return what was stored' };
      const protectedFile = this.deps.keychainKind?.() === 'os-protected-file';
      return { ...blank('keychain'), status: 'pass', code: protectedFile ? 'keychain-protected-file' : 'keychain-ok' };
    } catch (error) {
      await this.deps.keychain.delete(PROBE_ACCOUNT).catch(() => false);
      return { ...blank('keychain'), status: 'fail', code: 'keychain-unavailable', detail: safeDetail(error) };
    }
  }
}
